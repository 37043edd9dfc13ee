package app.fanmail.kernel.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The reverse proxies whose {@code X-Forwarded-For} and {@code X-Forwarded-Proto} headers are
 * believed ({@code fanmail.security.trusted-proxies}, a comma-separated list of addresses or CIDR
 * ranges; none by default). From anyone else these headers are ignored, so a client cannot choose
 * the address its sign-in attempts are counted against, nor make a plain-HTTP request look secure.
 */
public final class TrustedProxies {
    public static final String CONFIG_KEY = "fanmail.security.trusted-proxies";
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = ranges;
    }

    /**
     * Parses the configured list; blank, {@code none} or an empty list trusts no one.
     *
     * @throws IllegalArgumentException naming the entry that is not an IP address or CIDR range
     */
    public static TrustedProxies parse(List<String> entries) {
        List<Range> ranges = new ArrayList<>();
        for (String raw : entries == null ? List.<String>of() : entries) {
            String entry = raw.trim();
            if (entry.isEmpty() || entry.equalsIgnoreCase("none")) {
                continue;
            }
            String[] parts = entry.split("/", -1);
            byte[] address = literal(parts[0]);
            if (address == null || parts.length > 2) {
                throw new IllegalArgumentException(CONFIG_KEY + ": not an IP address or CIDR range: " + entry);
            }
            int bits = address.length * 8;
            if (parts.length == 2) {
                try {
                    bits = Integer.parseInt(parts[1]);
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > address.length * 8) {
                    throw new IllegalArgumentException(CONFIG_KEY + ": bad prefix length in " + entry);
                }
            }
            ranges.add(new Range(address, bits));
        }
        return new TrustedProxies(List.copyOf(ranges));
    }

    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** True when the direct peer is one of the configured proxies. */
    public boolean isTrusted(String remoteAddr) {
        byte[] address = literal(remoteAddr);
        return address != null && ranges.stream().anyMatch(r -> r.contains(address));
    }

    /**
     * The client's address: the direct peer, unless it is a trusted proxy; then the right-most
     * {@code X-Forwarded-For} entry that is not itself a trusted proxy (entries further left were
     * written by the client and prove nothing). Falls back to the last trusted hop when every entry
     * is trusted or one is malformed.
     */
    public String clientAddress(String remoteAddr, List<String> forwardedFor) {
        if (!isTrusted(remoteAddr) || forwardedFor == null || forwardedFor.isEmpty()) {
            return remoteAddr;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                hops.add(hop.trim());
            }
        }
        String client = remoteAddr;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = stripPort(hops.get(i));
            if (literal(hop) == null) {
                return client;
            }
            client = hop;
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    /** True when the request reached Fanmail over HTTPS: directly, or as a trusted proxy says. */
    public boolean isHttps(boolean directlySecure, String remoteAddr, String forwardedProto) {
        if (directlySecure) {
            return true;
        }
        if (forwardedProto == null || !isTrusted(remoteAddr)) {
            return false;
        }
        String[] protos = forwardedProto.split(",");
        return protos[0].trim().toLowerCase(Locale.ROOT).equals("https");
    }

    private static String stripPort(String hop) {
        if (hop.startsWith("[") && hop.contains("]")) {
            return hop.substring(1, hop.indexOf(']'));
        }
        int colon = hop.indexOf(':');
        if (colon > 0 && colon == hop.lastIndexOf(':') && hop.indexOf('.') > 0) {
            return hop.substring(0, colon);
        }
        return hop;
    }

    /** The bytes of an IP literal, or null; never a DNS lookup. */
    static byte[] literal(String text) {
        if (text == null || !LITERAL.matcher(text).matches() || (text.indexOf(':') < 0 && text.chars().filter(c -> c == '.').count() != 3)) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    private record Range(byte[] network, int bits) {
        boolean contains(byte[] address) {
            byte[] candidate = address;
            if (candidate.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (candidate[full] & mask) == (network[full] & mask);
        }
    }
}
