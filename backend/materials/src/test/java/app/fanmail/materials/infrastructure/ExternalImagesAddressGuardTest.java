package app.fanmail.materials.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import app.fanmail.materials.application.ArticleImageFetcher.Unavailable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExternalImagesAddressGuardTest {
    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "0.0.0.0", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
            "100.64.0.1", "224.0.0.1", "239.255.255.250", "255.255.255.255", "198.18.0.1", "192.0.2.5", "::1", "::", "fe80::1", "fc00::1",
            "fd12:3456::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe", "2002:7f00:1::1",
            "2001:db8::1"})
    void internalAddressesAreNotPublic(String address) {
        assertThat(ExternalImagesAddressGuard.isPublic(ip(address))).as(address).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "203.0.114.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"})
    void publicAddressesArePublic(String address) {
        assertThat(ExternalImagesAddressGuard.isPublic(ip(address))).as(address).isTrue();
    }

    private static ExternalImagesAddressGuard guard(boolean allowPrivate, Map<String, String> dns) {
        return new ExternalImagesAddressGuard(allowPrivate, host -> {
            String a = dns.get(host);
            if (a == null) {
                throw new UnknownHostException(host);
            }
            String[] parts = a.split(",");
            InetAddress[] out = new InetAddress[parts.length];
            for (int i = 0; i < parts.length; i++) {
                out[i] = ip(parts[i]);
            }
            return out;
        });
    }

    @Test
    void hostsResolvingToAnyInternalAddressAreRefused() {
        var g = guard(false, Map.of("cdn.example", "93.184.216.34", "metadata.example", "169.254.169.254", "mixed.example", "93.184.216.34,10.0.0.1",
                "127.0.0.1", "127.0.0.1", "::1", "::1"));
        assertThat(g.check("https://cdn.example/a.png").getHost()).isEqualTo("cdn.example");
        for (String url : new String[] {"http://metadata.example/latest/meta-data", "https://mixed.example/a.png", "http://127.0.0.1:8080/x",
                "http://[::1]/x"}) {
            assertThatThrownBy(() -> g.check(url)).as(url).isInstanceOf(Unavailable.class)
                    .satisfies(e -> assertThat(((Unavailable) e).code()).isEqualTo("IMAGE_ADDRESS_REFUSED"));
        }
    }

    @Test
    void onlyHttpAndHttpsWithAPlainHost() {
        var g = guard(false, Map.of("cdn.example", "93.184.216.34"));
        for (String url : new String[] {"file:///etc/passwd", "ftp://cdn.example/a.png", "gopher://cdn.example/", "jar:http://cdn.example/a!/b",
                "https://user:pw@cdn.example/a.png", "//cdn.example/a.png"}) {
            assertThatThrownBy(() -> g.check(url)).as(url).isInstanceOf(Unavailable.class)
                    .satisfies(e -> assertThat(((Unavailable) e).code()).isEqualTo("IMAGE_ADDRESS_REFUSED"));
        }
        assertThatThrownBy(() -> g.check("https://nowhere.example/a.png")).isInstanceOf(Unavailable.class)
                .satisfies(e -> assertThat(((Unavailable) e).code()).isEqualTo("IMAGE_UNAVAILABLE"));
    }

    @Test
    void allowPrivateLetsInternalAddressesThrough() {
        var g = guard(true, Map.of("localhost", "127.0.0.1"));
        assertThat(g.check("http://localhost:8080/a.png").getPort()).isEqualTo(8080);
        assertThatThrownBy(() -> g.check("file:///etc/passwd")).isInstanceOf(Unavailable.class);
    }
}
