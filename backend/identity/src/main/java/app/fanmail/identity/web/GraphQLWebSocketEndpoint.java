package app.fanmail.identity.web;

import java.util.HashMap;
import java.util.Optional;

import app.fanmail.identity.application.SessionService;
import app.fanmail.kernel.security.CurrentViewer;
import app.fanmail.kernel.security.Viewer;
import io.smallrye.graphql.websocket.graphqltransportws.GraphQLTransportWSSubprotocolHandler;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * GraphQL subscriptions over WebSocket ({@code graphql-transport-ws}) at {@code /graphql}, in place
 * of SmallRye's unauthenticated endpoint. Each connection is authenticated from its own handshake
 * only: the servlet filter has checked the session cookie and Origin of that very request and made
 * its {@link SessionPrincipal} the connection's principal; nothing is kept in the endpoint
 * configuration, which every handshake shares. Every message runs with the connection's current
 * viewer bound; {@link LiveConnections} ends connections whose session ended or whose role changed
 * even when the client stays silent, caps connections per user, and each connection sends through
 * its own bounded {@link Outbox}, so a slow client never stalls a feed.
 */
@ServerEndpoint(value = "/graphql", subprotocols = {"graphql-transport-ws"})
public class GraphQLWebSocketEndpoint {

    @OnOpen
    public void onOpen(Session session) {
        Optional<String> token = token(session);
        Optional<Viewer> viewer = token.flatMap(t -> sessions().resolve(t));
        if (viewer.isEmpty()) {
            LiveConnections.closeNow(session, LiveConnections.UNAUTHORIZED, "Unauthorized");
            return;
        }
        Optional<LiveConnections.Connection> connection = live().open(session, token.get(), viewer.get());
        if (connection.isEmpty()) {
            LiveConnections.closeNow(session, LiveConnections.TOO_MANY_CONNECTIONS, "Too many connections");
            return;
        }
        connection.get().handler = new GraphQLTransportWSSubprotocolHandler(connection.get().outbox, new HashMap<>());
    }

    @OnMessage
    public void onMessage(Session session, String message) {
        LiveConnections live = live();
        Optional<LiveConnections.Connection> connection = live.get(session);
        if (connection.isEmpty() || connection.get().handler == null) {
            return;
        }
        Optional<Viewer> viewer = sessions().resolve(connection.get().token);
        if (viewer.isEmpty()) {
            live.close(session, LiveConnections.UNAUTHORIZED, "Session ended");
            return;
        }
        try (CurrentViewer.Scope ignored = CurrentViewer.bind(viewer.get())) {
            connection.get().handler.onMessage(message);
        }
    }

    @OnClose
    public void onClose(Session session) {
        live().forget(session);
    }

    @OnError
    public void onError(Session session, Throwable error) {
        live().forget(session);
    }

    /** The session token of this connection's own handshake (its principal), never anything shared. */
    static Optional<String> token(Session session) {
        return session.getUserPrincipal() instanceof SessionPrincipal p ? Optional.ofNullable(p.token()) : Optional.empty();
    }

    private static SessionService sessions() {
        return CDI.current().select(SessionService.class).get();
    }

    private static LiveConnections live() {
        return CDI.current().select(LiveConnections.class).get();
    }
}
