package app.fanmail.identity.web;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import app.fanmail.identity.application.SessionService;
import app.fanmail.kernel.security.Viewer;
import io.smallrye.graphql.websocket.GraphQLWebsocketHandler;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The open GraphQL WebSocket connections of this node. Caps them per user, and every
 * {@code fanmail.identity.ws-recheck-period} re-checks them all at once against PostgreSQL: a
 * connection whose session ended (signed out, expired, user disabled) is closed with 4401, one
 * whose user's role changed with 4003 (the client reconnects with its new rights), and one whose
 * client stopped reading (a send pending longer than {@code ws-send-timeout}) with 4008. The check
 * does not slide the session's idle expiry: an open connection is not use.
 */
@ApplicationScoped
public class LiveConnections {
    private static final Logger LOG = Logger.getLogger(LiveConnections.class.getName());
    static final int UNAUTHORIZED = 4401;
    /** Not 4403, on which Fanmail's UI stops retrying: the client reconnects and re-subscribes with its new rights. */
    static final int ROLE_CHANGED = 4003;
    static final int TOO_MANY_CONNECTIONS = 4429;

    @Inject
    SessionService sessions;
    @Inject
    Clock clock;
    @Resource
    ManagedScheduledExecutorService scheduler;
    @Resource
    ManagedExecutorService executor;
    @Inject
    @ConfigProperty(name = "fanmail.identity.ws-recheck-period", defaultValue = "PT30S")
    Duration recheckPeriod;
    @Inject
    @ConfigProperty(name = "fanmail.identity.ws-max-connections-per-user", defaultValue = "8")
    int maxPerUser;
    @Inject
    @ConfigProperty(name = "fanmail.identity.ws-send-buffer", defaultValue = "256")
    int sendBuffer;
    @Inject
    @ConfigProperty(name = "fanmail.identity.ws-send-timeout", defaultValue = "PT10S")
    Duration sendTimeout;

    private final Map<Session, Connection> open = new ConcurrentHashMap<>();
    private final Map<UUID, Integer> perUser = new ConcurrentHashMap<>();
    private ScheduledFuture<?> task;

    /** One connection: its own session token (from its own handshake), the viewer it opened as, its outbox. */
    final class Connection {
        final Session session;
        final String token;
        final Viewer openedAs;
        final Outbox outbox;
        volatile GraphQLWebsocketHandler handler;

        private Connection(Session session, String token, Viewer openedAs) {
            this.session = session;
            this.token = token;
            this.openedAs = openedAs;
            this.outbox = new Outbox(new Wire(this), sendBuffer, clock);
        }
    }

    void start(@Observes @Priority(210) Startup startup) {
        long period = Math.max(100, recheckPeriod.toMillis());
        task = scheduler.scheduleWithFixedDelay(() -> {
            try {
                recheck();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Re-checking WebSocket connections failed", e);
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** Registers a connection, or empty when its user already has the maximum open. */
    Optional<Connection> open(Session session, String token, Viewer viewer) {
        boolean[] admitted = {false};
        perUser.compute(viewer.userId(), (id, n) -> {
            int count = n == null ? 0 : n;
            if (count >= maxPerUser) {
                return n;
            }
            admitted[0] = true;
            return count + 1;
        });
        if (!admitted[0]) {
            return Optional.empty();
        }
        Connection connection = new Connection(session, token, viewer);
        session.getAsyncRemote().setSendTimeout(sendTimeout.toMillis());
        open.put(session, connection);
        return Optional.of(connection);
    }

    Optional<Connection> get(Session session) {
        return Optional.ofNullable(open.get(session));
    }

    /** Forgets a connection and ends its subscriptions (idempotent). */
    void forget(Session session) {
        Connection connection = open.remove(session);
        if (connection == null) {
            return;
        }
        perUser.computeIfPresent(connection.openedAs.userId(), (id, n) -> n <= 1 ? null : n - 1);
        GraphQLWebsocketHandler handler = connection.handler;
        if (handler != null) {
            handler.onClose();
        }
    }

    /** Ends the connection's subscriptions now and closes it without blocking the caller. */
    void close(Session session, int code, String reason) {
        Connection connection = open.get(session);
        if (connection != null) {
            // ending the subscriptions makes SmallRye's handler try to close normally (1000): this code wins
            connection.outbox.shut();
        }
        forget(session);
        executor.execute(() -> closeNow(session, code, reason));
    }

    static void closeNow(Session session, int code, String reason) {
        try {
            if (session.isOpen()) {
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
            }
        } catch (Exception e) {
            LOG.log(Level.FINE, "close failed", e);
        }
    }

    /** One round of checks over every open connection; one query for all of them. */
    void recheck() {
        if (open.isEmpty()) {
            return;
        }
        Map<String, Viewer> alive = sessions.alive(open.values().stream().map(c -> c.token).toList());
        for (Connection connection : open.values()) {
            Viewer now = alive.get(connection.token);
            if (now == null) {
                close(connection.session, UNAUTHORIZED, "Session ended");
            } else if (now.role() != connection.openedAs.role()) {
                close(connection.session, ROLE_CHANGED, "Role changed");
            } else if (connection.outbox.stalled(sendTimeout)) {
                close(connection.session, Outbox.TOO_SLOW, "Too slow: send timed out");
            }
        }
    }

    int openCount() {
        return open.size();
    }

    private final class Wire implements Outbox.Wire {
        private final Connection connection;

        Wire(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void sendAsync(String text, java.util.function.Consumer<Throwable> whenDone) {
            try {
                connection.session.getAsyncRemote().sendText(text, result -> whenDone.accept(result.isOK() ? null : result.getException()));
            } catch (RuntimeException e) {
                whenDone.accept(e);
            }
        }

        @Override
        public void close(int code, String reason) {
            LiveConnections.this.close(connection.session, code, reason);
        }

        @Override
        public boolean isOpen() {
            return connection.session.isOpen();
        }
    }
}
