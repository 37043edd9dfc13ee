package app.fanmail.identity.web;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Chooses the deployment's WebSocket endpoints: Fanmail's authenticated GraphQL endpoint, never
 * SmallRye's own (which would accept anyone) at the same path.
 */
public class WebSocketEndpoints implements ServerApplicationConfig {
    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> endpointClasses) {
        return Set.of();
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        return scanned.stream()
                .filter(c -> c.getName().startsWith("app.fanmail."))
                .collect(Collectors.toSet());
    }
}
