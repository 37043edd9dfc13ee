package app.fanmail.identity.web;

import java.security.Principal;

import app.fanmail.kernel.security.Viewer;

/**
 * The authenticated user of an HTTP request, carrying the session token so that a WebSocket
 * opened by this request can re-check its session on every message.
 */
record SessionPrincipal(Viewer viewer, String token) implements Principal {
    @Override
    public String getName() {
        return viewer.username();
    }

    @Override
    public String toString() {
        return "SessionPrincipal[" + viewer.username() + "]";
    }
}
