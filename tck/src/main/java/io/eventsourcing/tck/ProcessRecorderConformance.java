package io.eventsourcing.tck;

import static io.eventsourcing.tck.StoredEvents.TOPIC1;
import static io.eventsourcing.tck.StoredEvents.TOPIC2;
import static io.eventsourcing.tck.StoredEvents.TOPIC3;
import static io.eventsourcing.tck.StoredEvents.event;
import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.persistence.IntegrityException;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.persistence.ProcessRecorder;
import io.eventsourcing.persistence.StoredEvent;
import io.eventsourcing.persistence.Tracking;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link ProcessRecorder}: a follower's new events and its tracking position are
 * recorded in one atomic step, so a failing event insert leaves the tracking unchanged and a failing
 * tracking leaves the events unchanged, and each upstream event is processed exactly once. Ported from
 * pyeventsourcing's {@code ProcessRecorderTestCase}.
 *
 * <p>A process recorder is also an application recorder and a tracking recorder. This suite checks
 * only what is its own; a backend also runs {@link ApplicationRecorderConformance} and
 * {@link TrackingRecorderConformance} on its process recorder, in separate or {@code @Nested}
 * classes:
 *
 * <pre>{@code
 * class SqliteProcessRecorderTest extends ProcessRecorderConformance {
 *     @Override protected ProcessRecorder createRecorder() { return factory.processRecorder(); }
 * }
 * }</pre>
 *
 * A new, empty recorder is made for each test and closed after it.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
public abstract class ProcessRecorderConformance {
    private static final String UPSTREAM = "upstream_app";

    private final UUID originator1 = UUID.randomUUID();
    private final UUID originator2 = UUID.randomUUID();
    private final StoredEvent e1 = event(originator1, 1, TOPIC1);
    private final StoredEvent e2 = event(originator1, 2, TOPIC2);
    private final StoredEvent e3 = event(originator2, 1, TOPIC3);
    private final StoredEvent e4 = event(originator2, 2, TOPIC3);
    private @Nullable ProcessRecorder recorder;

    /** For subclasses. */
    protected ProcessRecorderConformance() {}

    /** A new recorder with nothing recorded in it, whose next notification id is 1; called before each test. */
    protected abstract ProcessRecorder createRecorder();

    /** The recorder under test. */
    protected final ProcessRecorder recorder() {
        return requireNonNull(recorder, "recorder: createRecorder() has not been called yet");
    }

    @BeforeEach
    final void setUpRecorder() {
        recorder = createRecorder();
    }

    @AfterEach
    final void closeRecorder() {
        ProcessRecorder created = recorder;
        recorder = null;
        if (created != null) {
            created.close();
        }
    }

    @Test
    void records_events_with_their_tracking_and_rejects_conflicts_of_either_atomically() {
        assertThat(recorder().maxTrackingId(UPSTREAM)).isZero();

        assertThat(recorder().insertEvents(List.of(e1, e2), new Tracking(UPSTREAM, 1))).containsExactly(1L, 2L);
        assertThat(recorder().maxTrackingId(UPSTREAM)).isEqualTo(1);

        assertThatThrownBy(() -> recorder().insertEvents(List.of(e2), new Tracking(UPSTREAM, 2)))
                .isInstanceOf(IntegrityException.class);
        assertThat(recorder().maxTrackingId(UPSTREAM)).isEqualTo(1);

        assertThatThrownBy(() -> recorder().insertEvents(List.of(e3), new Tracking(UPSTREAM, 1)))
                .isInstanceOf(IntegrityException.class);
        assertThat(recorder().selectEvents(originator2)).isEmpty();

        assertThat(recorder().insertEvents(List.of(e3), new Tracking(UPSTREAM, 2))).containsExactly(3L);
        assertThat(recorder().maxTrackingId(UPSTREAM)).isEqualTo(2);

        assertThat(recorder().insertEvents(List.of(e4))).containsExactly(4L);
        assertThat(recorder().maxTrackingId(UPSTREAM)).isEqualTo(2);

        assertThat(recorder().selectNotifications(1, 10)).containsExactly(Notification.of(1, e1),
                Notification.of(2, e2), Notification.of(3, e3), Notification.of(4, e4));
    }

    @Test
    void a_rejected_event_leaves_the_tracking_unchanged() {
        recorder().insertEvents(List.of(e1), new Tracking(UPSTREAM, 1));

        assertThatThrownBy(() -> recorder().insertEvents(List.of(e3, e1), new Tracking(UPSTREAM, 2)))
                .isInstanceOf(IntegrityException.class);

        assertThat(recorder().maxTrackingId(UPSTREAM)).isEqualTo(1);
        assertThat(recorder().hasTrackingId(UPSTREAM, 2)).isFalse();
        assertThat(recorder().selectEvents(originator2)).isEmpty();
        assertThat(recorder().maxNotificationId()).isEqualTo(1);
        assertThat(recorder().insertEvents(List.of(e3), new Tracking(UPSTREAM, 2)))
                .as("the rejected insert took no notification id").containsExactly(2L);
    }

    @Test
    void a_rejected_tracking_leaves_the_events_unchanged() {
        recorder().insertEvents(List.of(e1), new Tracking(UPSTREAM, 5));

        assertThatThrownBy(() -> recorder().insertEvents(List.of(e2, e3), new Tracking(UPSTREAM, 5)))
                .isInstanceOf(IntegrityException.class);

        assertThat(recorder().selectEvents(originator1)).containsExactly(e1);
        assertThat(recorder().selectEvents(originator2)).isEmpty();
        assertThat(recorder().maxNotificationId()).isEqualTo(1);
        assertThat(recorder().maxTrackingId(UPSTREAM)).isEqualTo(5);
        assertThat(recorder().insertEvents(List.of(e2, e3), new Tracking(UPSTREAM, 6)))
                .as("the rejected insert took no notification id").containsExactly(2L, 3L);
    }

    @Test
    void records_a_tracking_position_that_comes_with_no_events() {
        assertThat(recorder().insertEvents(List.of(), new Tracking(UPSTREAM, 1))).isEmpty();
        assertThat(recorder().insertEvents(List.of(), new Tracking(UPSTREAM, 3))).isEmpty();

        assertThat(recorder().hasTrackingId(UPSTREAM, 1)).isTrue();
        assertThat(recorder().hasTrackingId(UPSTREAM, 2)).isTrue();
        assertThat(recorder().hasTrackingId(UPSTREAM, 3)).isTrue();
        assertThat(recorder().hasTrackingId(UPSTREAM, 4)).isFalse();
        assertThat(recorder().maxNotificationId()).isZero();
    }

    @Test
    void rejects_a_tracking_id_lower_than_one_recorded_before() {
        recorder().insertEvents(List.of(), new Tracking(UPSTREAM, 2));

        assertThatThrownBy(() -> recorder().insertEvents(List.of(e1), new Tracking(UPSTREAM, 1)))
                .isInstanceOf(IntegrityException.class);

        assertThat(recorder().maxTrackingId(UPSTREAM)).isEqualTo(2);
        assertThat(recorder().selectEvents(originator1)).isEmpty();
    }

    @Test
    void keeps_the_tracking_of_each_upstream_application_apart() {
        recorder().insertEvents(List.of(e1), new Tracking(UPSTREAM, 7));
        recorder().insertEvents(List.of(e3), new Tracking("other_upstream", 3));

        assertThat(recorder().maxTrackingId(UPSTREAM)).isEqualTo(7);
        assertThat(recorder().maxTrackingId("other_upstream")).isEqualTo(3);
        assertThat(recorder().insertEvents(List.of(e2), new Tracking("other_upstream", 4))).containsExactly(3L);
        assertThat(recorder().maxTrackingId(UPSTREAM)).isEqualTo(7);
    }

    @Test
    void tracking_inserted_alone_and_tracking_inserted_with_events_raise_the_same_mark() {
        recorder().insertTracking(new Tracking(UPSTREAM, 4));

        assertThatThrownBy(() -> recorder().insertEvents(List.of(e1), new Tracking(UPSTREAM, 4)))
                .isInstanceOf(IntegrityException.class);
        recorder().insertEvents(List.of(e1), new Tracking(UPSTREAM, 5));

        assertThatThrownBy(() -> recorder().insertTracking(new Tracking(UPSTREAM, 5)))
                .isInstanceOf(IntegrityException.class);
        assertThat(recorder().maxTrackingId(UPSTREAM)).isEqualTo(5);
    }
}
