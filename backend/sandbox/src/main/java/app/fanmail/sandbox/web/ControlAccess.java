package app.fanmail.sandbox.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import jakarta.ws.rs.NameBinding;

/**
 * Who may use the control API (it reads accounts' secrets, resets the world and redirects pushes): a
 * caller on the loopback interface, or a caller presenting the configured control token
 * ({@code fanmail.sandbox.control-token}, header {@value #HEADER}). A request carrying forwarding
 * headers (X-Forwarded-For, Forwarded, X-Real-IP) came through a proxy and counts as remote whatever
 * the socket says, so neither a local reverse proxy nor a forged header (with
 * {@code proxy-address-forwarding} on, the container takes the address from X-Forwarded-For) opens it.
 */
public final class ControlAccess {
    public static final String HEADER = "X-Sandbox-Control-Token";

    /** Marks the resources the check guards. */
    @NameBinding
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    public @interface Guarded {
    }

    private ControlAccess() {
    }

    /**
     * @param remoteAddress  the caller's address as the container reports it
     * @param forwarded      whether the request carries a forwarding header
     * @param presentedToken the header's value, or null
     * @param configuredToken the configured token; null or blank: none, loopback only
     */
    public static boolean allowed(String remoteAddress, boolean forwarded, String presentedToken, String configuredToken) {
        if (configuredToken != null && !configuredToken.isBlank() && presentedToken != null
                && constantTimeEquals(presentedToken, configuredToken)) {
            return true;
        }
        return !forwarded && isLoopback(remoteAddress);
    }

    static boolean isLoopback(String address) {
        if (address == null || address.isBlank() || !address.matches("[0-9A-Fa-f:.%]+")) {
            return false; // only literals: never a DNS lookup
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (Exception e) {
            return false;
        }
    }

    /** Compares digests, so neither the content nor the length of the token leaks through timing. */
    static boolean constantTimeEquals(String a, String b) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] x = sha.digest(a.getBytes(StandardCharsets.UTF_8));
            byte[] y = sha.digest(b.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(x, y);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
