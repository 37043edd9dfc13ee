package app.fanmail.identity.web;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import app.fanmail.identity.application.SessionService;
import app.fanmail.kernel.security.CurrentViewer;
import app.fanmail.kernel.security.Viewer;
import io.smallrye.graphql.websocket.GraphQLWebSocketSession;
import io.smallrye.graphql.websocket.GraphQLWebsocketHandler;
import io.smallrye.graphql.websocket.graphqltransportws.GraphQLTransportWSSubprotocolHandler;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.CloseReason;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * GraphQL subscriptions over WebSocket ({@code graphql-transport-ws}) at {@code /graphql}, in place
 * of SmallRye's unauthenticated endpoint. The handshake is authenticated from the session cookie
 * (and the servlet filter has already refused a missing session or a foreign Origin); every
 * message runs with the connection's viewer bound, and re-checks that the session is still alive,
 * so signing out or being disabled ends the subscription.
 */
@ServerEndpoint(value = "/graphql", subprotocols = {"graphql-transport-ws"},
        configurator = GraphQLWebSocketEndpoint.Handshake.class)
public class GraphQLWebSocketEndpoint {
    private static final Logger LOG = Logger.getLogger(GraphQLWebSocketEndpoint.class.getName());
    static final String TOKEN = "fanmail.session-token";
    /** graphql-ws close codes. */
    private static final int UNAUTHORIZED = 4401;

    private final Map<Session, GraphQLWebsocketHandler> handlers = new ConcurrentHashMap<>();

    /** Copies the session token from the handshake's cookies into this connection's properties. */
    public static class Handshake extends ServerEndpointConfig.Configurator {
        @Override
        public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
            List<String> cookies = request.getHeaders().getOrDefault("cookie", request.getHeaders().get("Cookie"));
            String token = null;
            if (cookies != null) {
                for (String header : cookies) {
                    token = token != null ? token : SessionCookie.fromHeader(header);
                }
            }
            config.getUserProperties().remove(TOKEN);
            if (token != null) {
                config.getUserProperties().put(TOKEN, token);
            }
        }
    }

    @OnOpen
    public void onOpen(Session session) {
        if (viewer(session).isEmpty()) {
            close(session, UNAUTHORIZED, "Unauthorized");
            return;
        }
        handlers.put(session, new GraphQLTransportWSSubprotocolHandler(new Remote(session), new HashMap<>()));
    }

    @OnMessage
    public void onMessage(Session session, String message) {
        GraphQLWebsocketHandler handler = handlers.get(session);
        if (handler == null) {
            return;
        }
        Optional<Viewer> viewer = viewer(session);
        if (viewer.isEmpty()) {
            handlers.remove(session);
            close(session, UNAUTHORIZED, "Session ended");
            handler.onClose();
            return;
        }
        try (CurrentViewer.Scope ignored = CurrentViewer.bind(viewer.get())) {
            handler.onMessage(message);
        }
    }

    @OnClose
    public void onClose(Session session) {
        GraphQLWebsocketHandler handler = handlers.remove(session);
        if (handler != null) {
            handler.onClose();
        }
    }

    @OnError
    public void onError(Session session, Throwable error) {
        GraphQLWebsocketHandler handler = handlers.remove(session);
        if (handler != null) {
            handler.onThrowable(error);
        }
    }

    private static Optional<Viewer> viewer(Session session) {
        Object token = session.getUserPrincipal() instanceof SessionPrincipal p ? p.token() : session.getUserProperties().get(TOKEN);
        if (!(token instanceof String s)) {
            return Optional.empty();
        }
        return CDI.current().select(SessionService.class).get().resolve(s);
    }

    private static void close(Session session, int code, String reason) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException e) {
            LOG.log(Level.FINE, "close failed", e);
        }
    }

    private record Remote(Session session) implements GraphQLWebSocketSession {
        @Override
        public void sendMessage(String message) throws IOException {
            synchronized (session) {
                session.getBasicRemote().sendText(message);
            }
        }

        @Override
        public void close(short statusCode, String reason) {
            GraphQLWebSocketEndpoint.close(session, statusCode, reason);
        }

        @Override
        public boolean isClosed() {
            return !session.isOpen();
        }
    }
}
