package app.fanmail.identity.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.smallrye.graphql.websocket.GraphQLWebSocketSession;

/**
 * What one WebSocket connection still has to send: a bounded queue drained by asynchronous sends,
 * one at a time. Whoever produces a message (a subscription's feed, shared by every subscriber)
 * only enqueues it and never waits for this client's network; a client that falls more than
 * {@code capacity} messages behind, or whose send fails or takes longer than the send timeout
 * (see {@link #stalled}), is closed with 4008 instead of slowing anyone else down (a 4xxx code, so
 * graphql-ws clients reconnect; they treat 1008 as fatal).
 */
final class Outbox implements GraphQLWebSocketSession {
    /** The client is too slow (graphql-ws clients reconnect after it). */
    static final int TOO_SLOW = 4008;

    /** The connection under the outbox. */
    interface Wire {
        /** Starts sending; calls {@code whenDone} with null when sent, or with the failure. Must not block. */
        void sendAsync(String text, Consumer<Throwable> whenDone);

        /** Closes the connection (and ends its subscriptions). Must not block. */
        void close(int code, String reason);

        boolean isOpen();
    }

    private final Wire wire;
    private final int capacity;
    private final Clock clock;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private final AtomicInteger wip = new AtomicInteger();
    private boolean inFlight;
    private Instant inFlightSince;
    private boolean closed;

    Outbox(Wire wire, int capacity, Clock clock) {
        this.wire = wire;
        this.capacity = capacity;
        this.clock = clock;
    }

    @Override
    public void sendMessage(String message) {
        boolean overflow;
        synchronized (this) {
            if (closed) {
                return;
            }
            overflow = queue.size() >= capacity;
            if (overflow) {
                closed = true;
                queue.clear();
            } else {
                queue.addLast(message);
            }
        }
        if (overflow) {
            wire.close(TOO_SLOW, "Too slow: more than " + capacity + " messages waiting");
            return;
        }
        drain();
    }

    @Override
    public void close(short statusCode, String reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
        }
        wire.close(statusCode, reason);
    }

    /** Stops sending without closing the wire: the connection is being closed with its own code. */
    void shut() {
        synchronized (this) {
            closed = true;
            queue.clear();
        }
    }

    @Override
    public boolean isClosed() {
        synchronized (this) {
            if (closed) {
                return true;
            }
        }
        return !wire.isOpen();
    }

    /** True when a send has been under way for longer than {@code timeout}: the client stopped reading. */
    synchronized boolean stalled(Duration timeout) {
        return inFlight && !inFlightSince.plus(timeout).isAfter(clock.instant());
    }

    synchronized int waiting() {
        return queue.size();
    }

    private void sent(Throwable error) {
        if (error != null) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
                queue.clear();
            }
            wire.close(TOO_SLOW, "Sending failed");
            return;
        }
        synchronized (this) {
            inFlight = false;
        }
        drain();
    }

    /** Sends queued messages one at a time; a send that completes at once continues the loop here, not recursively. */
    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            while (true) {
                String next;
                synchronized (this) {
                    if (closed || inFlight || queue.isEmpty()) {
                        break;
                    }
                    next = queue.pollFirst();
                    inFlight = true;
                    inFlightSince = clock.instant();
                }
                wire.sendAsync(next, this::sent);
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }
}
