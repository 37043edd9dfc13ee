/**
 * Identity: who may use Fanmail and how. Owns the {@code identity} schema (users, sessions).
 * Authenticates every HTTP request and WebSocket connection from the session cookie and binds the
 * {@link app.fanmail.kernel.security.Viewer} for the role checks every module declares.
 * Other modules use only {@code identity.api}.
 */
package app.fanmail.identity;
