package io.eventsourcing.system;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.application.Application;
import io.eventsourcing.domain.EventSourcingException;
import io.eventsourcing.persistence.WaitInterruptedException;
import io.eventsourcing.persistence.WaitTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an {@link EventSourcingSystem}: constructs its applications with the runner's settings, makes
 * each follower follow its leaders, and has the followers process their leaders' events. Start it
 * once; stop (or close) it to stop processing and close the applications.
 *
 * <p>Thread-safe.
 */
public abstract sealed class Runner implements AutoCloseable permits SingleThreadedRunner, MultiThreadedRunner {
    private static final Logger LOG = LoggerFactory.getLogger(Runner.class);

    private final EventSourcingSystem system;
    private final Map<String, String> env;
    private final Map<Class<? extends Application>, Application> applications = new LinkedHashMap<>();
    private final AtomicReference<@Nullable Throwable> error = new AtomicReference<>();
    private boolean started;
    private boolean stopped;

    Runner(EventSourcingSystem system, Map<String, String> env) {
        this.system = requireNonNull(system, "system");
        this.env = Map.copyOf(requireNonNull(env, "env"));
    }

    /** The system run. */
    public EventSourcingSystem system() {
        return system;
    }

    /**
     * Constructs the applications, connects followers to leaders, processes what is outstanding and
     * starts following.
     *
     * @throws RunnerAlreadyStartedException if it was started before
     */
    public final synchronized void start() {
        if (started) {
            throw new RunnerAlreadyStartedException(getClass().getSimpleName() + " was already started");
        }
        started = true;
        try {
            for (Class<? extends Application> type : system.nodes()) {
                applications.put(type, EventSourcingSystem.construct(type, env));
            }
            for (EventSourcingSystem.Edge edge : system.edges()) {
                get(edge.follower()).follow(get(edge.leader()));
            }
            begin();
        } catch (RuntimeException | Error e) {
            stop();
            throw e;
        }
    }

    /** Starts processing, after the applications exist and follow their leaders. */
    abstract void begin();

    /** Stops processing, in the subclass. */
    abstract void end();

    /** The operational failure a follower is retrying after now, if any (see {@link MultiThreadedRunner}). */
    @Nullable Throwable retrying() {
        return null;
    }

    /**
     * The running application of a class.
     *
     * @throws IllegalStateException if the runner has not been started
     * @throws IllegalArgumentException if the class is not in the system
     */
    public final synchronized <A extends Application> A get(Class<A> type) {
        requireNonNull(type, "type");
        if (!started) {
            throw new IllegalStateException("the runner has not been started");
        }
        Application application = applications.get(type);
        if (application == null) {
            throw new IllegalArgumentException(type.getName() + " is not in the system; it has "
                    + system.nodes().stream().map(Class::getSimpleName).toList());
        }
        return type.cast(application);
    }

    /** Whether the runner has been started and not stopped. */
    public final synchronized boolean isRunning() {
        return started && !stopped;
    }

    /** The first error a follower met while processing in the background, if any. */
    public final @Nullable Throwable error() {
        return error.get();
    }

    /**
     * Waits until a follower has processed its leader's notification {@code notificationId} (or a
     * later one).
     *
     * @throws EventProcessingException (or the error met) if processing failed meanwhile
     * @throws WaitTimeoutException if it has not within the timeout
     */
    public final void waitFor(Class<? extends ProcessApplication> follower, Class<? extends Application> leader,
            long notificationId, Duration timeout) {
        ProcessApplication processor = get(follower);
        String leaderName = get(leader).name();
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = Duration.ofMillis(1).toNanos();
        while (!processor.recorder().hasTrackingId(leaderName, notificationId)) {
            rethrowError();
            if (System.nanoTime() > deadline) {
                Throwable retrying = retrying();
                throw new WaitTimeoutException(processor.name() + " had not processed " + leaderName + " notification "
                        + notificationId + " after " + timeout.toMillis() + " ms"
                        + (retrying == null ? "" : "; a follower is trying again after: " + retrying));
            }
            try {
                Thread.sleep(Duration.ofNanos(pause));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WaitInterruptedException("interrupted while waiting for " + processor.name());
            }
            pause = Math.min(pause * 2, Duration.ofMillis(50).toNanos());
        }
        rethrowError();
    }

    /** Stops processing and closes the applications; then rethrows the first background error, if any. */
    public final void stop() {
        List<Application> toClose;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            toClose = new ArrayList<>(applications.values());
        }
        try {
            end();
        } finally {
            for (Application application : toClose.reversed()) {
                try {
                    application.close();
                } catch (RuntimeException e) {
                    LOG.warn("closing {} failed", application.name(), e);
                }
            }
        }
        rethrowError();
    }

    /** Same as {@link #stop()}. */
    @Override
    public final void close() {
        stop();
    }

    /** Records a background error (the first one wins). */
    final void fail(Throwable cause) {
        if (error.compareAndSet(null, cause)) {
            LOG.error("{} stopped processing", getClass().getSimpleName(), cause);
        }
    }

    final synchronized List<Application> applications() {
        return List.copyOf(applications.values());
    }

    private void rethrowError() {
        Throwable cause = error.get();
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error fatal) {
            throw fatal;
        }
        if (cause != null) {
            throw new EventSourcingException("a follower failed", cause);
        }
    }
}
