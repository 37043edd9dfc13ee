package app.fanmail.identity.web;

import java.time.Duration;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

/** The session cookie: HttpOnly, SameSite=Strict, Secure on HTTPS (or when configured). */
public final class SessionCookie {
    public static final String NAME = "fanmail_session";

    private SessionCookie() {
    }

    public static String read(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (NAME.equals(cookie.getName())) {
                return cookie.getValue();
            }
        }
        return null;
    }

    /** Parses the token out of a raw {@code Cookie} header (WebSocket handshakes give only headers). */
    public static String fromHeader(String cookieHeader) {
        if (cookieHeader == null) {
            return null;
        }
        for (String part : cookieHeader.split(";")) {
            String trimmed = part.trim();
            if (trimmed.startsWith(NAME + "=")) {
                return trimmed.substring(NAME.length() + 1);
            }
        }
        return null;
    }

    public static String set(String token, Duration maxAge, boolean secure) {
        return NAME + "=" + token + "; Path=/; Max-Age=" + maxAge.toSeconds() + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    public static String clear(boolean secure) {
        return NAME + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }
}
