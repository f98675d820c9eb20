package io.eventsourcing.tck;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.persistence.IntegrityException;
import io.eventsourcing.persistence.Tracking;
import io.eventsourcing.persistence.TrackingRecorder;
import io.eventsourcing.persistence.WaitInterruptedException;
import io.eventsourcing.persistence.WaitTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract of a {@link TrackingRecorder}: one high-water mark per upstream application, raised by
 * {@code insertTracking} and never lowered nor re-inserted (so a gap below the mark cannot be filled
 * in later), read with {@code maxTrackingId} (0 when none is recorded) and {@code hasTrackingId}, and
 * awaited with {@code wait}. Ported from pyeventsourcing's {@code TrackingRecorderTestCase}.
 *
 * <p>A backend runs it by extending it and making a new, empty recorder for each test:
 *
 * <pre>{@code
 * class SqliteTrackingRecorderTest extends TrackingRecorderConformance {
 *     @Override protected TrackingRecorder createRecorder() { return factory.trackingRecorder(); }
 * }
 * }</pre>
 *
 * The recorder is closed after each test; a backend whose store outlives it empties the store itself.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
public abstract class TrackingRecorderConformance {
    private static final String UPSTREAM1 = "upstream1";
    private static final String UPSTREAM2 = "upstream2";
    private static final Duration SHORT = Duration.ofMillis(100);
    private static final Duration LONG = Duration.ofSeconds(10);

    private @Nullable TrackingRecorder recorder;

    /** For subclasses. */
    protected TrackingRecorderConformance() {}

    /** A new recorder with no tracking recorded in it; called before each test. */
    protected abstract TrackingRecorder createRecorder();

    /** The recorder under test. */
    protected final TrackingRecorder recorder() {
        return requireNonNull(recorder, "recorder: createRecorder() has not been called yet");
    }

    @BeforeEach
    final void setUpRecorder() {
        recorder = createRecorder();
    }

    @AfterEach
    final void closeRecorder() {
        TrackingRecorder created = recorder;
        recorder = null;
        if (created != null) {
            created.close();
        }
    }

    @Test
    void an_application_with_nothing_tracked_has_max_tracking_id_zero() {
        assertThat(recorder().maxTrackingId(UPSTREAM1)).isZero();
        assertThat(recorder().hasTrackingId(UPSTREAM1, 1)).isFalse();
    }

    @Test
    void keeps_one_mark_per_upstream_application() {
        recorder().insertTracking(new Tracking(UPSTREAM1, 21));
        recorder().insertTracking(new Tracking(UPSTREAM1, 22));
        recorder().insertTracking(new Tracking(UPSTREAM2, 21));

        assertThat(recorder().maxTrackingId(UPSTREAM1)).isEqualTo(22);
        assertThat(recorder().maxTrackingId(UPSTREAM2)).isEqualTo(21);
        assertThat(recorder().maxTrackingId("upstream3")).isZero();
    }

    @Test
    void rejects_a_tracking_id_that_is_already_recorded() {
        recorder().insertTracking(new Tracking(UPSTREAM1, 21));
        recorder().insertTracking(new Tracking(UPSTREAM1, 22));
        recorder().insertTracking(new Tracking(UPSTREAM2, 21));

        assertThatThrownBy(() -> recorder().insertTracking(new Tracking(UPSTREAM1, 21)))
                .isInstanceOf(IntegrityException.class);
        assertThatThrownBy(() -> recorder().insertTracking(new Tracking(UPSTREAM1, 22)))
                .isInstanceOf(IntegrityException.class);
        assertThatThrownBy(() -> recorder().insertTracking(new Tracking(UPSTREAM2, 21)))
                .isInstanceOf(IntegrityException.class);

        assertThat(recorder().maxTrackingId(UPSTREAM1)).isEqualTo(22);
        assertThat(recorder().maxTrackingId(UPSTREAM2)).isEqualTo(21);
    }

    @Test
    void has_every_tracking_id_at_or_below_the_mark_and_none_above() {
        recorder().insertTracking(new Tracking(UPSTREAM1, 21));
        recorder().insertTracking(new Tracking(UPSTREAM1, 22));
        recorder().insertTracking(new Tracking(UPSTREAM2, 21));

        assertThat(recorder().hasTrackingId(UPSTREAM1, 1)).isTrue();
        assertThat(recorder().hasTrackingId(UPSTREAM1, 21)).isTrue();
        assertThat(recorder().hasTrackingId(UPSTREAM1, 22)).isTrue();
        assertThat(recorder().hasTrackingId(UPSTREAM1, 23)).isFalse();
        assertThat(recorder().hasTrackingId(UPSTREAM2, 21)).isTrue();
        assertThat(recorder().hasTrackingId(UPSTREAM2, 22)).isFalse();
        assertThat(recorder().hasTrackingId("upstream3", 1)).isFalse();
    }

    @Test
    void rejects_a_tracking_id_below_the_mark_so_a_gap_cannot_be_filled_in() {
        recorder().insertTracking(new Tracking(UPSTREAM1, 22));
        recorder().insertTracking(new Tracking(UPSTREAM1, 24));

        assertThatThrownBy(() -> recorder().insertTracking(new Tracking(UPSTREAM1, 23)))
                .isInstanceOf(IntegrityException.class);

        assertThat(recorder().maxTrackingId(UPSTREAM1)).isEqualTo(24);
        assertThat(recorder().hasTrackingId(UPSTREAM1, 23)).isTrue();
    }

    /** Waiting for a mark. */
    @Nested
    @Timeout(60)
    class Waiting {

        @Test
        void returns_at_once_when_the_mark_has_been_reached() {
            recorder().insertTracking(new Tracking(UPSTREAM1, 21));

            assertThatCode(() -> {
                recorder().wait(UPSTREAM1, 10, SHORT);
                recorder().wait(UPSTREAM1, 21, SHORT);
            }).doesNotThrowAnyException();
        }

        @Test
        void times_out_while_the_mark_is_below_the_id() {
            assertThatThrownBy(() -> recorder().wait(UPSTREAM1, 21, SHORT)).isInstanceOf(WaitTimeoutException.class);

            recorder().insertTracking(new Tracking(UPSTREAM1, 21));

            assertThatThrownBy(() -> recorder().wait(UPSTREAM1, 22, SHORT)).isInstanceOf(WaitTimeoutException.class);
            assertThatThrownBy(() -> recorder().wait(UPSTREAM2, 21, SHORT)).isInstanceOf(WaitTimeoutException.class);
        }

        @Test
        void returns_when_another_thread_raises_the_mark() throws Exception {
            CountDownLatch aboutToWait = new CountDownLatch(1);
            CompletableFuture<Void> waited = new CompletableFuture<>();
            Thread waiter = Thread.ofPlatform().name("tracking-waiter").start(() -> {
                aboutToWait.countDown();
                try {
                    recorder().wait(UPSTREAM1, 21, LONG);
                    waited.complete(null);
                } catch (Throwable t) {
                    waited.completeExceptionally(t);
                }
            });
            assertThat(aboutToWait.await(LONG.toSeconds(), TimeUnit.SECONDS)).isTrue();

            recorder().insertTracking(new Tracking(UPSTREAM1, 21));

            assertThatCode(() -> waited.get(LONG.toSeconds(), TimeUnit.SECONDS)).doesNotThrowAnyException();
            waiter.join();
        }

        @Test
        void throws_wait_interrupted_when_the_waiting_thread_is_interrupted() throws Exception {
            CountDownLatch aboutToWait = new CountDownLatch(1);
            CompletableFuture<Boolean> interruptedAfterwards = new CompletableFuture<>();
            Thread waiter = Thread.ofPlatform().name("tracking-waiter").start(() -> {
                aboutToWait.countDown();
                try {
                    recorder().wait(UPSTREAM1, 21, Duration.ofSeconds(30));
                    interruptedAfterwards.completeExceptionally(new AssertionError("wait() returned normally"));
                } catch (Throwable t) {
                    if (t instanceof WaitInterruptedException) {
                        interruptedAfterwards.complete(Thread.currentThread().isInterrupted());
                    } else {
                        interruptedAfterwards.completeExceptionally(t);
                    }
                }
            });
            assertThat(aboutToWait.await(LONG.toSeconds(), TimeUnit.SECONDS)).isTrue();
            Threads.awaitBlocked(waiter);

            waiter.interrupt();

            assertThat(interruptedAfterwards.get(LONG.toSeconds(), TimeUnit.SECONDS))
                    .as("the waiting thread's interrupt status after WaitInterruptedException").isTrue();
            waiter.join();
            assertThat(recorder().maxTrackingId(UPSTREAM1)).isZero();
        }
    }
}
