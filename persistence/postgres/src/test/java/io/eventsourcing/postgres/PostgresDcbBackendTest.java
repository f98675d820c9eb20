package io.eventsourcing.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.dcb.DcbAppendCondition;
import io.eventsourcing.dcb.DcbConditionException;
import io.eventsourcing.dcb.DcbEvent;
import io.eventsourcing.dcb.DcbQuery;
import io.eventsourcing.dcb.DcbRecorder;
import io.eventsourcing.dcb.DcbSequencedEvent;
import io.eventsourcing.dcb.DcbSubscription;
import io.eventsourcing.jdbc.JdbcFactory;
import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.persistence.OperationalException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * What the PostgreSQL DCB store promises beyond the kit: subscriptions pushed by NOTIFY, the lock
 * timeout, and its tables' names. In the schema of {@link PostgresBackendTest}, dropped before every test.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PostgresDcbBackendTest {

    @BeforeEach
    void emptySchema() {
        PostgresTestDatabase.reset("es_backend");
    }

    private static DcbEvent parcelPosted(String parcel) {
        return DcbEvent.of("ParcelPosted", parcel.getBytes(StandardCharsets.UTF_8), "parcel:" + parcel);
    }

    @Test
    void creates_the_events_and_tag_tables_named_after_the_application() throws SQLException {
        try (InfrastructureFactory factory = PostgresBackendTest.postgres("Parcels", Map.of())) {
            factory.dcbRecorder();
        }

        assertThat(PostgresBackendTest.tablesInSchema()).containsExactly("parcels_dcb_events", "parcels_dcb_tags");
    }

    @Test
    void a_subscription_is_pushed_an_event_another_factory_appends_long_before_its_next_poll() throws Exception {
        Map<String, String> pollRarely = Map.of("POSTGRES_POLL_INTERVAL", "30");
        // Two factories with pools of their own, as two processes on the same tables would have.
        try (InfrastructureFactory following = PostgresBackendTest.postgres("Parcels", pollRarely);
                InfrastructureFactory appending = PostgresBackendTest.postgres("Parcels", pollRarely);
                DcbSubscription subscription = following.dcbRecorder().subscribe(DcbQuery.tags("parcel:p1"), 0)) {
            DcbRecorder writer = appending.dcbRecorder();
            CompletableFuture<DcbSequencedEvent> received = CompletableFuture.supplyAsync(subscription::next);
            Thread.sleep(500); // the follower reads an empty store and waits for a push or the poll
            long start = System.nanoTime();

            writer.append(List.of(parcelPosted("p0"), parcelPosted("p1")));

            DcbSequencedEvent pushed = received.get(10, TimeUnit.SECONDS);
            // A tenth of the poll interval: only NOTIFY wakes the subscription this soon.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(pushed.position()).isEqualTo(2);
            assertThat(pushed.event()).isEqualTo(parcelPosted("p1"));
        }
    }

    @Test
    void appends_judge_their_conditions_on_what_another_process_appended_since_their_last_group() {
        // Each factory's group committer guesses the largest position from its own last group and sends
        // the group in one statement that checks the guess; appends of the other factory make it wrong.
        try (InfrastructureFactory first = PostgresBackendTest.postgres("Parcels", Map.of());
                InfrastructureFactory second = PostgresBackendTest.postgres("Parcels", Map.of())) {
            DcbRecorder one = first.dcbRecorder();
            DcbRecorder other = second.dcbRecorder();
            assertThat(one.append(List.of(parcelPosted("p1")))).isEqualTo(1);
            assertThat(one.append(List.of(parcelPosted("p2")))).isEqualTo(2);
            assertThat(other.append(List.of(parcelPosted("p3")))).isEqualTo(3);

            DcbAppendCondition noneSinceTwo = DcbAppendCondition.failIfEventsMatch(DcbQuery.tags("parcel:p3"), 2);
            assertThatThrownBy(() -> one.append(List.of(parcelPosted("p4")), noneSinceTwo))
                    .isInstanceOf(DcbConditionException.class)
                    .hasMessageContaining("position 3");
            DcbAppendCondition noneSinceThree = DcbAppendCondition.failIfEventsMatch(DcbQuery.tags("parcel:p3"), 3);
            assertThat(one.append(List.of(parcelPosted("p4")), noneSinceThree)).isEqualTo(4);
            assertThat(other.append(List.of(parcelPosted("p5")))).isEqualTo(5);
            assertThat(one.append(List.of(parcelPosted("p6")))).isEqualTo(6);
            assertThat(other.read(DcbQuery.all())).extracting(DcbSequencedEvent::event).containsExactly(
                    parcelPosted("p1"), parcelPosted("p2"), parcelPosted("p3"), parcelPosted("p4"), parcelPosted("p5"),
                    parcelPosted("p6"));
        }
    }

    @Test
    void positions_stay_contiguous_when_two_processes_take_turns_and_their_guesses_go_stale() {
        try (InfrastructureFactory first = PostgresBackendTest.postgres("Parcels", Map.of());
                InfrastructureFactory second = PostgresBackendTest.postgres("Parcels", Map.of())) {
            DcbRecorder one = first.dcbRecorder();
            DcbRecorder other = second.dcbRecorder();
            for (int i = 1; i <= 20; i++) {
                DcbRecorder writer = i % 3 == 0 ? other : one;
                DcbAppendCondition fresh = DcbAppendCondition.failIfEventsMatch(DcbQuery.tags("parcel:n" + i), i - 1);
                assertThat(writer.append(List.of(parcelPosted("n" + i)), fresh)).isEqualTo(i);
            }

            assertThat(one.read(DcbQuery.all())).extracting(DcbSequencedEvent::position)
                    .containsExactly(java.util.stream.LongStream.rangeClosed(1, 20).boxed().toArray(Long[]::new));
            assertThat(other.read(DcbQuery.tags("parcel:n9"))).extracting(DcbSequencedEvent::event)
                    .containsExactly(parcelPosted("n9"));
        }
    }

    @Test
    void an_append_behind_a_lock_on_the_table_fails_operationally_after_POSTGRES_LOCK_TIMEOUT() throws SQLException {
        try (InfrastructureFactory factory = PostgresBackendTest.postgres("Parcels", Map.of("POSTGRES_LOCK_TIMEOUT", "1"))) {
            DcbRecorder recorder = factory.dcbRecorder();
            String events = ((JdbcFactory) factory).dcbTables().events();
            // From the second group on, appends go in one statement; the lock timeout holds there too.
            assertThat(recorder.append(List.of(parcelPosted("p0")))).isEqualTo(1);

            try (Connection holder = PostgresBackendTest.connect(); Statement statement = holder.createStatement()) {
                holder.setAutoCommit(false);
                statement.execute("LOCK TABLE " + events + " IN EXCLUSIVE MODE");
                long start = System.nanoTime();

                assertThatThrownBy(() -> recorder.append(List.of(parcelPosted("p1"))))
                        .isInstanceOf(OperationalException.class)
                        .hasMessageContaining(events)
                        .hasMessageContaining("lock timeout");

                assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900),
                        Duration.ofSeconds(4));
                assertThat(recorder.read(DcbQuery.all())).as("a read while the lock is held").extracting(
                        DcbSequencedEvent::event).containsExactly(parcelPosted("p0"));
                holder.rollback();
            }

            assertThat(recorder.append(List.of(parcelPosted("p1")))).isEqualTo(2);
        }
    }
}
