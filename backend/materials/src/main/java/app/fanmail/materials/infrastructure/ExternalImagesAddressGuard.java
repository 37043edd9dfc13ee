package app.fanmail.materials.infrastructure;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

import app.fanmail.materials.application.ArticleImageFetcher.Unavailable;

/**
 * Which addresses the server may fetch article images from: http(s) URLs whose host resolves only to public unicast
 * addresses. Loopback, private (RFC 1918, IPv6 unique-local), link-local (cloud metadata), CGNAT, multicast,
 * unspecified, benchmarking and reserved ranges are refused, unless {@code allowPrivate} (tests, closed networks).
 */
final class ExternalImagesAddressGuard {
    /** Resolves a host name (replaceable in tests). */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowPrivate;
    private final Resolver resolver;

    ExternalImagesAddressGuard(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    /** The URL as a URI when it may be fetched; {@link Unavailable} (IMAGE_ADDRESS_REFUSED or IMAGE_UNAVAILABLE) otherwise. */
    URI check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new Unavailable("IMAGE_UNAVAILABLE", "Not a valid image address: " + shorten(url));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Unavailable("IMAGE_ADDRESS_REFUSED", "Images are fetched over http or https only: " + shorten(url));
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty() || uri.getRawUserInfo() != null) {
            throw new Unavailable("IMAGE_ADDRESS_REFUSED", "The image address has no plain host: " + shorten(url));
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw new Unavailable("IMAGE_UNAVAILABLE", "The image's host does not resolve: " + host);
        }
        if (addresses.length == 0) {
            throw new Unavailable("IMAGE_UNAVAILABLE", "The image's host does not resolve: " + host);
        }
        if (!allowPrivate) {
            for (InetAddress a : addresses) {
                if (!isPublic(a)) {
                    throw new Unavailable("IMAGE_ADDRESS_REFUSED", "Fanmail does not fetch images from internal addresses (" + host + ").");
                }
            }
        }
        return uri;
    }

    /** Whether the address is public unicast (the only kind the server fetches from). */
    static boolean isPublic(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return isPublicV4(b);
        }
        if (a instanceof Inet6Address) {
            // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d): judge the IPv4 address
            boolean zeros = true;
            for (int i = 0; i < 10; i++) {
                zeros &= b[i] == 0;
            }
            if (zeros && ((b[10] == (byte) 0xFF && b[11] == (byte) 0xFF) || (b[10] == 0 && b[11] == 0))) {
                return isPublicV4(new byte[] {b[12], b[13], b[14], b[15]});
            }
            int first = b[0] & 0xFF;
            if ((first & 0xFE) == 0xFC) { // fc00::/7 unique local
                return false;
            }
            if (first == 0xFE && (b[1] & 0xC0) == 0xC0) { // fec0::/10 old site-local
                return false;
            }
            if (first == 0x00 && (b[1] & 0xFF) == 0x64 && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x9B) { // 64:ff9b::/96 NAT64
                return isPublicV4(new byte[] {b[12], b[13], b[14], b[15]});
            }
            if (first == 0x20 && (b[1] & 0xFF) == 0x02) { // 2002::/16 6to4: the embedded IPv4
                return isPublicV4(new byte[] {b[2], b[3], b[4], b[5]});
            }
            if (first == 0x20 && (b[1] & 0xFF) == 0x01 && b[2] == 0x0D && (b[3] & 0xFF) == 0xB8) { // 2001:db8::/32 documentation
                return false;
            }
            return (first & 0xE0) == 0x20; // 2000::/3 global unicast only
        }
        return false;
    }

    private static boolean isPublicV4(byte[] b) {
        int a0 = b[0] & 0xFF;
        int a1 = b[1] & 0xFF;
        int a2 = b[2] & 0xFF;
        return !(a0 == 0                                  // 0.0.0.0/8 "this network"
                || a0 == 10                               // 10/8
                || a0 == 127                              // loopback
                || (a0 == 100 && a1 >= 64 && a1 <= 127)   // 100.64/10 CGNAT
                || (a0 == 169 && a1 == 254)               // link-local, cloud metadata
                || (a0 == 172 && a1 >= 16 && a1 <= 31)    // 172.16/12
                || (a0 == 192 && a1 == 168)               // 192.168/16
                || (a0 == 192 && a1 == 0 && a2 == 0)      // 192.0.0/24 IETF
                || (a0 == 192 && a1 == 0 && a2 == 2)      // TEST-NET-1
                || (a0 == 198 && (a1 == 18 || a1 == 19))  // benchmarking
                || (a0 == 198 && a1 == 51 && a2 == 100)   // TEST-NET-2
                || (a0 == 203 && a1 == 0 && a2 == 113)    // TEST-NET-3
                || a0 >= 224);                            // multicast, reserved, broadcast
    }

    static String shorten(String url) {
        return url == null ? "" : url.length() > 120 ? url.substring(0, 120) + "…" : url;
    }
}
