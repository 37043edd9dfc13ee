package app.fanmail.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import app.fanmail.kernel.security.Role;
import app.fanmail.kernel.security.Viewer;
import jakarta.websocket.Session;

class GraphQLWebSocketEndpointTest {

    @Test
    void aConnectionIsAuthenticatedFromItsOwnHandshakesPrincipalOnly() {
        Map<String, Object> shared = new HashMap<>();
        shared.put("fanmail.session-token", "someone-elses-token");
        Session anonymous = session(null, shared);
        assertThat(GraphQLWebSocketEndpoint.token(anonymous)).isEmpty();

        Viewer viewer = new Viewer(UUID.randomUUID(), "alice", Role.VIEWER);
        Session alice = session(new SessionPrincipal(viewer, "alices-token"), shared);
        assertThat(GraphQLWebSocketEndpoint.token(alice)).contains("alices-token");
    }

    @Test
    void theEndpointHasNoHandshakeHookThatCouldShareState() {
        var endpoint = GraphQLWebSocketEndpoint.class.getAnnotation(jakarta.websocket.server.ServerEndpoint.class);
        assertThat(endpoint.configurator()).isEqualTo(jakarta.websocket.server.ServerEndpointConfig.Configurator.class);
    }

    private static Session session(Principal principal, Map<String, Object> userProperties) {
        return (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class}, (proxy, method, args) ->
                switch (method.getName()) {
                    case "getUserPrincipal" -> principal;
                    case "getUserProperties" -> userProperties;
                    case "isOpen" -> true;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
