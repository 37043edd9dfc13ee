package app.fanmail.kernel.cluster;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * LISTENs on one PostgreSQL channel on a dedicated connection and a dedicated thread, and hands each notification to
 * a {@link Handler}. When the connection is lost (server restart, network, a terminated backend) it reconnects with a
 * growing delay and tells the handler it is {@link Handler#listening() listening} again: notifications sent in between
 * are lost, so the handler must drop whatever they would have invalidated. It waits for notifications a second at a
 * time (so a stop is noticed quickly) and probes a connection that was quiet for {@code check} so a silently dead one
 * is noticed. No CDI here: {@link ClusterListener} wires it into the server.
 */
public final class PgNotificationListener implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PgNotificationListener.class.getName());
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /** Opens the dedicated connection (each reconnection opens a new one; the listener closes it). */
    public interface Connector {
        Connection open() throws SQLException;
    }

    /** Receives notifications on the listener's thread; must return quickly. */
    public interface Handler {
        void notified(String payload);

        /** The listener (re)started listening: anything notified before was not seen. */
        void listening();
    }

    /** How often an idle connection is probed, and the reconnection delay (doubling from min to max). */
    public record Timing(Duration check, Duration minRetry, Duration maxRetry) {
        public static final Timing DEFAULT = new Timing(Duration.ofSeconds(10), Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    private final Connector connector;
    private final String channel;
    private final Handler handler;
    private final Timing timing;
    private final ThreadFactory threads;
    private final AtomicLong listens = new AtomicLong();
    private final Object sleeper = new Object();
    private volatile boolean running;
    private volatile Connection current;
    private volatile int backendPid;
    private Thread thread;

    public PgNotificationListener(Connector connector, String channel, Handler handler, Timing timing, ThreadFactory threads) {
        if (!IDENTIFIER.matcher(channel).matches()) {
            throw new IllegalArgumentException("channel must be a plain lower-case identifier: " + channel);
        }
        this.connector = connector;
        this.channel = channel;
        this.handler = handler;
        this.timing = timing;
        this.threads = threads;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = threads.newThread(this::run);
        thread.setName("fanmail-cluster-listener");
        thread.setDaemon(true);
        thread.start();
    }

    /** The PostgreSQL backend process of the listening connection; 0 while not listening. */
    public int backendPid() {
        return backendPid;
    }

    /** How many times listening started (1 after the first connection, +1 per reconnection), each counted after the handler heard of it. */
    public long listens() {
        return listens.get();
    }

    /**
     * Stops listening. The listener's own thread gives up the connection (UNLISTEN, then back to the pool) once its
     * current wait ends, at most a second later; this waits for that, and only closes the connection from here if the
     * thread does not finish (a pooled connection must not be handed back while another thread still reads from it).
     */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        try { // no interrupt: the wait for notifications ends by itself within a poll, a pause on the sleeper's notify
            t.join(pollMillis() + 2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            closeQuietly(current);
        }
    }

    private int pollMillis() {
        return (int) Math.max(1, Math.min(1_000, timing.check().toMillis()));
    }

    private void run() {
        long retryMillis = timing.minRetry().toMillis();
        while (running) {
            Connection c = null;
            try {
                c = connector.open();
                current = c;
                listen(c);
                retryMillis = timing.minRetry().toMillis();
                safely(handler::listening);
                listens.incrementAndGet(); // counted once the handler has heard of it
                receive(c);
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.log(Level.WARNING, "Not listening for changes on other nodes (" + e + "); reconnecting in " + retryMillis + " ms");
                }
            } finally {
                backendPid = 0;
                current = null;
                closeQuietly(c);
            }
            pause(retryMillis);
            retryMillis = Math.min(retryMillis * 2, timing.maxRetry().toMillis());
        }
    }

    private void listen(Connection c) throws SQLException {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN " + channel);
            try (ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
                rs.next();
                backendPid = rs.getInt(1);
            }
        }
    }

    private void receive(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        int wait = pollMillis(); // short waits: a stop is noticed within one
        long probeEvery = Math.max(1, timing.check().toNanos());
        long lastHeard = System.nanoTime();
        while (running) {
            PGNotification[] notifications = pg.getNotifications(wait);
            if (notifications == null || notifications.length == 0) {
                if (running && System.nanoTime() - lastHeard >= probeEvery) {
                    try (Statement s = c.createStatement()) {
                        s.execute("select 1"); // a silently dropped connection would never deliver: probe it
                    }
                    lastHeard = System.nanoTime();
                }
                continue;
            }
            lastHeard = System.nanoTime();
            for (PGNotification n : notifications) {
                if (channel.equals(n.getName())) {
                    String payload = n.getParameter();
                    safely(() -> handler.notified(payload));
                }
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("UNLISTEN *"); // the connection goes back to the pool
        }
    }

    private void pause(long millis) {
        long until = System.nanoTime() + millis * 1_000_000;
        synchronized (sleeper) {
            long left;
            while (running && (left = until - System.nanoTime()) > 0) {
                try {
                    sleeper.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    if (!running) {
                        return;
                    }
                }
            }
        }
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "A cluster change observer failed", e);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.FINE, "Closing the listening connection failed", e);
        }
    }
}
