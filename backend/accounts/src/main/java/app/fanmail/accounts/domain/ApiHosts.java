package app.fanmail.accounts.domain;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import app.fanmail.accounts.api.ApiHostPolicy.Outcome;
import app.fanmail.accounts.api.ApiHostPolicy.Verdict;

/**
 * Which API base URLs may receive an account's secrets (the AppSecret goes to the token endpoint,
 * all three secrets to the sandbox's control API). A URL passes when its host is on the allow-list
 * and, unless its host is also on the private list, none of its addresses is loopback, link-local,
 * private, unique-local, carrier-grade NAT, wildcard or multicast.
 * <p>
 * List entries are {@code host} (the scheme's default port only) or {@code host:port}; IPv6 literals
 * in brackets ({@code [::1]:8080}). Matching ignores case and a trailing dot.
 */
public final class ApiHosts {
    /** Resolves a host name to its addresses (InetAddress::getAllByName, or a stub in tests). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final List<String> allowed;
    private final List<String> privateAllowed;
    private final Resolver resolver;

    public ApiHosts(List<String> allowed, List<String> privateAllowed, Resolver resolver) {
        this.allowed = allowed.stream().map(ApiHosts::normalizeEntry).filter(Objects::nonNull).toList();
        this.privateAllowed = privateAllowed.stream().map(ApiHosts::normalizeEntry).filter(Objects::nonNull).toList();
        this.resolver = resolver;
    }

    /**
     * The verdict for a base URL.
     *
     * @param strict true at call time: a host that does not resolve is DNS_FAILURE. At save time
     *               (false) an unresolvable host passes the address check; the call-time check runs again.
     */
    public Verdict check(String baseUrl, boolean strict) {
        URI uri;
        try {
            uri = new URI(baseUrl);
        } catch (Exception e) {
            return new Verdict(Outcome.INVALID_URL, null);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getUserInfo() != null) {
            return new Verdict(Outcome.INVALID_URL, null);
        }
        String host = normalizeHost(uri.getHost());
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        String hostPort = hostPort(host, port);
        int defaultPort = scheme.equals("https") ? 443 : 80;
        if (!matches(allowed, host, port, defaultPort)) {
            return new Verdict(Outcome.HOST_NOT_ALLOWED, hostPort);
        }
        if (matches(privateAllowed, host, port, defaultPort)) {
            return new Verdict(Outcome.ALLOWED, hostPort);
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return new Verdict(strict ? Outcome.DNS_FAILURE : Outcome.ALLOWED, hostPort);
        }
        for (InetAddress address : addresses) {
            if (isInternal(address)) {
                return new Verdict(Outcome.PRIVATE_ADDRESS, hostPort);
            }
        }
        return new Verdict(Outcome.ALLOWED, hostPort);
    }

    /** Loopback, link-local (cloud metadata lives there), private, unique-local, CGNAT, wildcard, multicast. */
    public static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isAnyLocalAddress() || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || first == 127 || (first == 100 && second >= 64 && second < 128) || first >= 240;
        }
        if (a instanceof Inet6Address) {
            // fc00::/7 unique local; ::ffff:0:0/96 is already unwrapped to Inet4Address by Java
            return (b[0] & 0xfe) == 0xfc;
        }
        return false;
    }

    private static boolean matches(List<String> entries, String host, int port, int defaultPort) {
        String exact = hostPort(host, port);
        for (String entry : entries) {
            if (entry.equals(exact) || (port == defaultPort && entry.equals(host))) {
                return true;
            }
        }
        return false;
    }

    private static String hostPort(String host, int port) {
        return host + ":" + port;
    }

    private static String normalizeHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** "Host", "host:port", "[v6]:port", or a URL (its host:port). Blank and "none" entries drop out. */
    static String normalizeEntry(String raw) {
        if (raw == null) {
            return null;
        }
        String e = raw.trim();
        if (e.isEmpty() || e.equalsIgnoreCase("none")) {
            return null;
        }
        if (e.contains("://")) {
            try {
                URI uri = new URI(e);
                String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
                int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
                return hostPort(normalizeHost(uri.getHost()), port);
            } catch (Exception ex) {
                return null;
            }
        }
        int colon = e.lastIndexOf(':');
        if (colon > 0 && e.indexOf(':') == colon || e.startsWith("[") && e.contains("]:")) {
            return normalizeHost(e.substring(0, colon)) + e.substring(colon);
        }
        return normalizeHost(e);
    }
}
