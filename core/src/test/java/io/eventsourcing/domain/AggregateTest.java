package io.eventsourcing.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.internal.AggregateAccess;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AggregateTest {

    static final class Counter extends Aggregate<Counter.Event> {
        sealed interface Event permits Started, Incremented, Failed {}

        record Started(String name) implements Event {}

        record Incremented(int by) implements Event {}

        record Failed() implements Event {}

        String name = "";
        int count;
        final List<Integer> steps = new ArrayList<>();

        static Counter start(String name) {
            return create(Counter::new, Ids.nameBased("/counters/" + name), new Started(name));
        }

        void increment(int by) {
            trigger(new Incremented(by));
        }

        void fail() {
            trigger(new Failed());
        }

        @Override
        protected void apply(Event event) {
            switch (event) {
                case Started e -> name = e.name();
                case Incremented e -> {
                    count += e.by();
                    steps.add(e.by());
                }
                case Failed e -> throw new IllegalStateException("refused");
            }
        }
    }

    @Test
    void create_applies_the_first_event_as_version_1_and_keeps_it_pending() {
        Instant before = Instant.now();
        Counter counter = Counter.start("a");

        assertThat(counter.id()).isEqualTo(Ids.nameBased("/counters/a"));
        assertThat(counter.version()).isEqualTo(1);
        assertThat(counter.name).isEqualTo("a");
        assertThat(counter.createdOn()).isAfterOrEqualTo(before).isEqualTo(counter.modifiedOn());
        assertThat(counter.pendingEvents()).singleElement()
                .satisfies(e -> assertThat(e.payload()).isEqualTo(new Counter.Started("a")));
    }

    @Test
    void trigger_applies_the_event_at_the_next_version_and_moves_modified_on() {
        Counter counter = Counter.start("a");
        counter.increment(2);
        counter.increment(3);

        assertThat(counter.version()).isEqualTo(3);
        assertThat(counter.count).isEqualTo(5);
        assertThat(counter.modifiedOn()).isAfterOrEqualTo(counter.createdOn());
        assertThat(counter.pendingEvents()).extracting(DomainEvent::originatorVersion).containsExactly(1L, 2L, 3L);
    }

    @Test
    void collect_events_drains_pending_events_oldest_first() {
        Counter counter = Counter.start("a");
        counter.increment(1);

        List<DomainEvent> collected = counter.collectEvents();

        assertThat(collected).extracting(DomainEvent::originatorVersion).containsExactly(1L, 2L);
        assertThat(counter.pendingEvents()).isEmpty();
        assertThat(counter.collectEvents()).isEmpty();
    }

    @Test
    void an_event_for_another_originator_is_rejected_and_leaves_the_aggregate_unchanged() {
        Counter counter = Counter.start("a");
        DomainEvent foreign = new DomainEvent(UUID.randomUUID(), 2, Instant.now(), new Counter.Incremented(5));

        assertThatThrownBy(() -> AggregateAccess.get().replay(counter, foreign))
                .isInstanceOf(OriginatorIdException.class)
                .hasMessageContaining(foreign.originatorId().toString());
        assertThat(counter.version()).isEqualTo(1);
        assertThat(counter.count).isZero();
    }

    @Test
    void an_event_out_of_version_order_is_rejected_and_leaves_the_aggregate_unchanged() {
        Counter counter = Counter.start("a");
        DomainEvent skipping = new DomainEvent(counter.id(), 3, Instant.now(), new Counter.Incremented(5));

        assertThatThrownBy(() -> AggregateAccess.get().replay(counter, skipping))
                .isInstanceOf(OriginatorVersionException.class)
                .hasMessageContaining("expected version 2");
        assertThat(counter.version()).isEqualTo(1);
        assertThat(counter.count).isZero();
    }

    @Test
    void an_event_that_apply_rejects_is_not_recorded_and_the_version_stays() {
        Counter counter = Counter.start("a");

        assertThatThrownBy(counter::fail).isInstanceOf(IllegalStateException.class).hasMessage("refused");
        assertThat(counter.version()).isEqualTo(1);
        assertThat(counter.pendingEvents()).hasSize(1);
    }

    @Test
    void replaying_the_pending_events_rebuilds_the_same_state() {
        Counter counter = Counter.start("a");
        counter.increment(2);
        counter.increment(7);

        Counter replayed = AggregateAccess.get().instantiate(Counter.class);
        counter.pendingEvents().forEach(e -> AggregateAccess.get().replay(replayed, e));

        assertThat(replayed.id()).isEqualTo(counter.id());
        assertThat(replayed.version()).isEqualTo(3);
        assertThat(replayed.count).isEqualTo(9);
        assertThat(replayed.steps).containsExactly(2, 7);
        assertThat(replayed.createdOn()).isEqualTo(counter.createdOn());
        assertThat(replayed.modifiedOn()).isEqualTo(counter.modifiedOn());
        assertThat(replayed.pendingEvents()).isEmpty();
    }

    @Test
    void discard_records_the_library_event_without_calling_apply_and_blocks_further_commands() {
        Counter counter = Counter.start("a");
        counter.discard();

        assertThat(counter.version()).isEqualTo(2);
        assertThat(counter.pendingEvents().getLast().payload()).isEqualTo(new Discarded());
        assertThat(AggregateAccess.get().isDiscarded(counter)).isTrue();
        assertThatThrownBy(() -> counter.increment(1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("discarded");
    }

    @Test
    void an_aggregate_that_was_never_created_has_no_id() {
        Counter counter = new Counter();

        assertThat(counter.version()).isZero();
        assertThatThrownBy(counter::id).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> counter.increment(1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has not been created");
    }

    @Test
    void domain_events_reject_versions_below_one() {
        assertThatThrownBy(() -> new DomainEvent(UUID.randomUUID(), 0, Instant.now(), "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
