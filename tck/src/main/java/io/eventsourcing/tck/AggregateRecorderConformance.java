package io.eventsourcing.tck;

import static io.eventsourcing.tck.StoredEvents.TOPIC1;
import static io.eventsourcing.tck.StoredEvents.TOPIC2;
import static io.eventsourcing.tck.StoredEvents.TOPIC3;
import static io.eventsourcing.tck.StoredEvents.event;
import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.persistence.AggregateRecorder;
import io.eventsourcing.persistence.IntegrityException;
import io.eventsourcing.persistence.StoredEvent;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract of an {@link AggregateRecorder}: events are inserted atomically, all or none; a second
 * event at an (originator id, version) already taken rejects the whole insert (optimistic concurrency);
 * and an aggregate's events are selected by version with {@code gt}, {@code lte}, {@code desc} and
 * {@code limit}. Ported from pyeventsourcing's {@code AggregateRecorderTestCase}.
 *
 * <p>A backend runs it by extending it and making a new, empty recorder for each test:
 *
 * <pre>{@code
 * class SqliteAggregateRecorderTest extends AggregateRecorderConformance {
 *     @Override protected AggregateRecorder createRecorder() { return factory.aggregateRecorder("events"); }
 * }
 * }</pre>
 *
 * The recorder is closed after each test. A backend whose store outlives the recorder (a database)
 * empties it in {@code createRecorder()} or in an {@code @AfterEach} method of its own.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
public abstract class AggregateRecorderConformance {
    private final UUID originator = UUID.randomUUID();
    private final StoredEvent e1 = event(originator, 1, TOPIC1);
    private final StoredEvent e2 = event(originator, 2, TOPIC2);
    private final StoredEvent e3 = event(originator, 3, TOPIC3);
    private @Nullable AggregateRecorder recorder;

    /** For subclasses. */
    protected AggregateRecorderConformance() {}

    /** A new recorder with nothing recorded in it; called before each test. */
    protected abstract AggregateRecorder createRecorder();

    /** The recorder under test. */
    protected final AggregateRecorder recorder() {
        return requireNonNull(recorder, "recorder: createRecorder() has not been called yet");
    }

    @BeforeEach
    final void setUpRecorder() {
        recorder = createRecorder();
    }

    @AfterEach
    final void closeRecorder() {
        AggregateRecorder created = recorder;
        recorder = null;
        if (created != null) {
            created.close();
        }
    }

    @Test
    void an_empty_insert_records_nothing_and_returns_no_ids() {
        assertThat(recorder().insertEvents(List.of())).isEmpty();

        assertThat(recorder().selectEvents(originator)).isEmpty();
    }

    @Test
    void an_unknown_originator_has_no_events() {
        assertThat(recorder().selectEvents(UUID.randomUUID())).isEmpty();
        assertThat(recorder().selectEvents(UUID.randomUUID(), null, null, true, 1)).isEmpty();
    }

    @Test
    void selects_a_recorded_event_with_the_fields_it_was_inserted_with() {
        recorder().insertEvents(List.of(e1));

        List<StoredEvent> selected = recorder().selectEvents(originator);

        assertThat(selected).containsExactly(e1);
        StoredEvent stored = selected.getFirst();
        assertThat(stored.originatorId()).isEqualTo(originator);
        assertThat(stored.originatorVersion()).isEqualTo(1);
        assertThat(stored.topic()).isEqualTo(TOPIC1);
        assertThat(stored.state()).isEqualTo(e1.state());
    }

    @Test
    void keeps_state_bytes_exactly_whatever_their_values() {
        byte[] state = StoredEvents.everyByteValue();
        recorder().insertEvents(List.of(new StoredEvent(originator, 1, TOPIC1, state), new StoredEvent(originator, 2,
                TOPIC2, new byte[0])));

        List<StoredEvent> selected = recorder().selectEvents(originator);

        assertThat(selected).hasSize(2);
        assertThat(selected.get(0).state()).isEqualTo(state);
        assertThat(selected.get(1).state()).isEmpty();
    }

    @Test
    void rejects_a_second_event_at_the_same_version() {
        recorder().insertEvents(List.of(e1));
        StoredEvent sameVersion = new StoredEvent(originator, 1, TOPIC2, new byte[] {1, 2, 3});

        assertThatThrownBy(() -> recorder().insertEvents(List.of(sameVersion))).isInstanceOf(IntegrityException.class);

        assertThat(recorder().selectEvents(originator)).containsExactly(e1);
    }

    @Test
    void rejects_a_whole_batch_when_one_of_its_versions_is_taken_and_stores_none_of_it() {
        recorder().insertEvents(List.of(e1));

        assertThatThrownBy(() -> recorder().insertEvents(List.of(e1, e2))).isInstanceOf(IntegrityException.class);

        assertThat(recorder().selectEvents(originator)).containsExactly(e1);
    }

    @Test
    void rejects_a_batch_that_holds_one_version_twice_and_stores_none_of_it() {
        recorder().insertEvents(List.of(e1));

        assertThatThrownBy(() -> recorder().insertEvents(List.of(e2, e2))).isInstanceOf(IntegrityException.class);

        assertThat(recorder().selectEvents(originator)).containsExactly(e1);
    }

    @Test
    void rejects_a_batch_across_originators_and_stores_nothing_of_the_new_originator() {
        recorder().insertEvents(List.of(e1));
        UUID other = UUID.randomUUID();

        assertThatThrownBy(() -> recorder().insertEvents(List.of(event(other, 1, TOPIC1), e1)))
                .isInstanceOf(IntegrityException.class);

        assertThat(recorder().selectEvents(other)).isEmpty();
        assertThat(recorder().selectEvents(originator)).containsExactly(e1);
    }

    @Test
    void records_a_batch_of_new_versions_after_a_rejected_one() {
        recorder().insertEvents(List.of(e1));
        assertThatThrownBy(() -> recorder().insertEvents(List.of(e1, e2))).isInstanceOf(IntegrityException.class);

        recorder().insertEvents(List.of(e2, e3));

        assertThat(recorder().selectEvents(originator)).containsExactly(e1, e2, e3);
    }

    @Test
    void keeps_each_originator_in_a_sequence_of_its_own() {
        UUID other = UUID.randomUUID();
        StoredEvent otherFirst = event(other, 1, TOPIC3);
        recorder().insertEvents(List.of(e1, e2));

        recorder().insertEvents(List.of(otherFirst));

        assertThat(recorder().selectEvents(originator)).containsExactly(e1, e2);
        assertThat(recorder().selectEvents(other)).containsExactly(otherFirst);
        assertThat(recorder().selectEvents(other, null, null, true, 1)).containsExactly(otherFirst);
    }

    /** Selections from one aggregate's events e1, e2, e3 (versions 1 to 3). */
    @Nested
    class Selecting {

        @BeforeEach
        void recordThreeVersions() {
            recorder().insertEvents(List.of(e1));
            recorder().insertEvents(List.of(e2, e3));
        }

        @Test
        void selects_all_versions_oldest_first() {
            assertThat(recorder().selectEvents(originator, null, null, false, null)).containsExactly(e1, e2, e3);
        }

        @Test
        void selects_newest_first_when_descending() {
            assertThat(recorder().selectEvents(originator, null, null, true, null)).containsExactly(e3, e2, e1);
        }

        @Test
        void selects_the_latest_version_with_desc_and_limit_one() {
            assertThat(recorder().selectEvents(originator, null, null, true, 1)).containsExactly(e3);
        }

        @Test
        void selects_the_latest_version_at_or_below_lte_with_desc_and_limit_one() {
            assertThat(recorder().selectEvents(originator, null, 2L, true, 1)).containsExactly(e2);
            assertThat(recorder().selectEvents(originator, null, 1L, true, 1)).containsExactly(e1);
        }

        @Test
        void selects_only_versions_above_gt() {
            assertThat(recorder().selectEvents(originator, 1L, null, false, null)).containsExactly(e2, e3);
            assertThat(recorder().selectEvents(originator, 3L, null, false, null)).isEmpty();
        }

        @Test
        void selects_only_versions_at_or_below_lte() {
            assertThat(recorder().selectEvents(originator, null, 2L, false, null)).containsExactly(e1, e2);
            assertThat(recorder().selectEvents(originator, null, 0L, false, null)).isEmpty();
        }

        @Test
        void selects_versions_between_gt_and_lte() {
            assertThat(recorder().selectEvents(originator, 1L, 2L, false, null)).containsExactly(e2);
            assertThat(recorder().selectEvents(originator, 1L, 3L, true, null)).containsExactly(e3, e2);
            assertThat(recorder().selectEvents(originator, 2L, 2L, false, null)).isEmpty();
        }

        @Test
        void selects_at_most_limit_events_from_the_first_matching() {
            assertThat(recorder().selectEvents(originator, null, null, false, 2)).containsExactly(e1, e2);
            assertThat(recorder().selectEvents(originator, 1L, null, false, 1)).containsExactly(e2);
            assertThat(recorder().selectEvents(originator, null, 3L, true, 2)).containsExactly(e3, e2);
            assertThat(recorder().selectEvents(originator, null, null, false, 0)).isEmpty();
        }
    }
}
