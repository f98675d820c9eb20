package io.eventsourcing.messaging;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.domain.EventSourcingException;
import io.eventsourcing.messaging.internal.Backoff;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the broker modules' republishers share: a thread of its own that runs consuming sessions, each
 * connecting to the broker and handing what it receives to a {@link Republisher}; a failed session (a lost
 * connection, a broker restart) is followed, after a growing pause, by a new one; an error of the follower
 * stops it for good, reported by {@link #error()} and rethrown by {@link #close()}. A subclass implements
 * {@link #consume()} and calls {@link #start()} at the end of its constructor.
 *
 * <p>Thread-safe.
 */
public abstract class BrokerRepublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerRepublisher.class);

    private final Republisher republisher;
    private final String threadName;
    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
    private final AtomicReference<@Nullable Throwable> error = new AtomicReference<>();
    private volatile @Nullable Throwable lastFailure;
    private volatile @Nullable Thread thread;
    private volatile boolean closed;

    /**
     * @param republisher the follower to feed
     * @param broker the broker and source, for the thread's name (e.g. {@code rabbitmq:reservations.orders})
     */
    protected BrokerRepublisher(Republisher republisher, String broker) {
        this.republisher = requireNonNull(republisher, "republisher");
        this.threadName = republisher.follower() + "<-" + requireNonNull(broker, "broker");
    }

    /** Starts consuming; the subclass calls it once, at the end of its constructor. */
    protected final void start() {
        if (thread != null) {
            throw new IllegalStateException(this + " was started already");
        }
        thread = Thread.ofPlatform().daemon().name(threadName).start(this::run);
    }

    /**
     * One session: connects, then receives, hands each event to {@link #republisher()} and acknowledges it
     * after {@link Republisher#handle} returned, until {@link #isClosed()} or until the follower failed
     * ({@link #stop(EventSourcingException)}). Returns when closing or stopped; throws when the connection
     * failed, and a new session follows after a pause. Call {@link #connected()} once connected.
     */
    protected abstract void consume() throws Exception;

    /** Wakes a session blocked in the broker's client, on close; the default does nothing. */
    protected void wake() {}

    /** The follower to feed. */
    protected final Republisher republisher() {
        return republisher;
    }

    /** Whether it is closing or has stopped: a session should end. */
    protected final boolean isClosed() {
        return closed || error.get() != null;
    }

    /** A session connected: the next failure pauses the shortest time again. */
    protected final void connected() {
        backoff.reset();
    }

    /** The follower failed on an event: stops for good; the session should end without acknowledging it. */
    protected final void stop(EventSourcingException cause) {
        if (error.compareAndSet(null, cause)) {
            LOG.error("{} stopped: the follower failed", this, cause);
        }
        wake();
    }

    /** The error of the follower that stopped it, if any. */
    public final @Nullable Throwable error() {
        return error.get();
    }

    /** The last failure to reach the broker (retried), or null. */
    public final @Nullable Throwable lastFailure() {
        return lastFailure;
    }

    private void run() {
        while (!isClosed()) {
            try {
                consume();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (isClosed()) {
                    return;
                }
                lastFailure = e;
                LOG.warn("{} lost the broker; it connects again", this, e);
            }
            if (!isClosed() && !backoff.pause()) {
                return;
            }
        }
    }

    /**
     * Stops consuming; what was not acknowledged is delivered again later. Then rethrows the follower's
     * error that stopped it, if any.
     *
     * @throws EventSourcingException the follower's error
     */
    @Override
    public final void close() {
        closed = true;
        backoff.cancel();
        wake();
        Thread running = thread;
        if (running != null) {
            try {
                if (!running.join(Duration.ofSeconds(30))) {
                    running.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Throwable cause = error.get();
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause != null) {
            throw new EventSourcingException(this + " failed", cause);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + threadName + "]";
    }
}
