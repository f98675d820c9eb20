package io.eventsourcing.system;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.application.Application;
import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.domain.EventSourcingException;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.persistence.Subscription;
import io.eventsourcing.persistence.Tracking;
import io.eventsourcing.persistence.TrackingRecorder;
import io.eventsourcing.persistence.WaitInterruptedException;
import io.eventsourcing.persistence.WaitTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a {@link Projection}'s view up to date with an application: on a thread of its own it
 * subscribes to the application's recorder after the view's recorded position, so it first catches
 * up and then follows new events live. {@link #wait(long, Duration)} lets a caller read its own
 * writes. An operational failure of the database (an
 * {@link io.eventsourcing.persistence.OperationalException}: a connection lost in a restart or a
 * failover, a timeout) is retried after a pause, up to 2 s, for as long as the runner runs, and the
 * event is then processed once, since its position is recorded with the view's change. Any other
 * error in the projection stops the runner and is rethrown to whoever waits, and by {@link #close()}.
 *
 * <p>Thread-safe.
 *
 * @param <V> the view
 */
public final class ProjectionRunner<V extends TrackingRecorder> implements AutoCloseable {
    private final Application application;
    private final Projection<V> projection;
    private final Subscription subscription;
    private final Thread thread;
    private final AtomicReference<@Nullable Throwable> error = new AtomicReference<>();
    private final Retries retries;
    private volatile boolean stopping;

    /**
     * Starts following the application.
     *
     * @param application the application whose events are projected (the runner does not close it)
     * @param projection the projection and its view
     */
    public ProjectionRunner(Application application, Projection<V> projection) {
        this.application = requireNonNull(application, "application");
        this.projection = requireNonNull(projection, "projection");
        String name = application.name();
        this.subscription = application.recorder().subscribe(projection.view().maxTrackingId(name),
                projection.topics());
        this.retries = new Retries(projection.name() + "<-" + name);
        this.thread = Thread.ofPlatform().daemon().name(projection.name() + "<-" + name).unstarted(this::run);
        thread.start();
    }

    private void run() {
        String name = application.name();
        @Nullable Notification[] processing = new Notification[1];
        try {
            retries.follow(subscription, () -> stopping, notification -> {
                processing[0] = notification;
                if (!projection.view().hasTrackingId(name, notification.id())) {
                    DomainEvent event = application.mapper().toDomainEvent(notification.toStoredEvent());
                    projection.process(event, new Tracking(name, notification.id()));
                }
                processing[0] = null;
            });
        } catch (RuntimeException | Error e) {
            Notification notification = processing[0];
            if (!stopping) {
                long id = notification == null ? projection.view().maxTrackingId(name) + 1 : notification.id();
                String what = notification == null ? "subscribing" : notification.topic() + " of "
                        + notification.originatorId() + ":" + notification.originatorVersion();
                error.set(new EventProcessingException(projection.name(), new Tracking(name, id), what, e));
            }
        } finally {
            subscription.close();
        }
    }

    /** The application whose events are projected. */
    public Application application() {
        return application;
    }

    /** The projection. */
    public Projection<V> projection() {
        return projection;
    }

    /** The view. */
    public V view() {
        return projection.view();
    }

    /** The error that stopped the runner, if any. */
    public @Nullable Throwable error() {
        return error.get();
    }

    /**
     * Blocks until the view has processed the application's notification {@code notificationId}.
     *
     * @throws EventProcessingException if the projection failed
     * @throws WaitTimeoutException if it has not within the timeout
     * @throws WaitInterruptedException if the thread is interrupted
     */
    public void wait(long notificationId, Duration timeout) {
        String name = application.name();
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = Duration.ofMillis(1).toNanos();
        while (true) {
            rethrow();
            if (projection.view().hasTrackingId(name, notificationId)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                Throwable retrying = retries.retrying();
                throw new WaitTimeoutException(projection.name() + " had not processed " + name + " notification "
                        + notificationId + " after " + timeout.toMillis() + " ms"
                        + (retrying == null ? "" : "; it is trying again after: " + retrying));
            }
            try {
                Thread.sleep(Duration.ofNanos(pause));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WaitInterruptedException("interrupted while waiting for " + projection.name());
            }
            pause = Math.min(pause * 2, Duration.ofMillis(50).toNanos());
        }
    }

    /** Stops following; idempotent. Does not rethrow. */
    public void stop() {
        stopping = true;
        subscription.close();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops following and rethrows the error that stopped the runner, if any.
     *
     * @throws EventProcessingException if the projection failed
     */
    @Override
    public void close() {
        stop();
        rethrow();
    }

    private void rethrow() {
        Throwable cause = error.get();
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause != null) {
            throw new EventSourcingException(projection.name() + " failed", cause);
        }
    }
}
