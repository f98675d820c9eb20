package io.eventsourcing.jdbc.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.dcb.DcbAppendCondition;
import io.eventsourcing.dcb.DcbEvent;
import io.eventsourcing.dcb.DcbQuery;
import io.eventsourcing.dcb.DcbRecorder;
import io.eventsourcing.jdbc.JdbcSettings;
import io.eventsourcing.jdbc.testkit.FaultyDataSource.Fault;
import io.eventsourcing.persistence.ApplicationRecorder;
import io.eventsourcing.persistence.Environment;
import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.persistence.OperationalException;
import io.eventsourcing.persistence.ProcessRecorder;
import io.eventsourcing.persistence.StoredEvent;
import io.eventsourcing.persistence.Tracking;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/*
 * Design: a save whose connection drops at the commit has an unknown outcome, and the caller must
 * never be told the wrong one: not "failed" (a conflict, or "retry") when the events were recorded, as
 * a caller who then repeats the command would apply it twice; not "recorded" when they were not. The
 * faults are made by FaultyDataSource on real connections to the backend's database, at the moment of
 * the commit, so the database really did (or really did not) commit.
 */

/**
 * What a save answers when its connection is lost at the commit, on a SQL backend. Extend it with the
 * backend's JDBC URL (the tests connect through {@code JDBC_DATASOURCE_TOPIC}, see
 * {@link FaultyDataSource}).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
public abstract class CommitOutcomeConformance {
    private @Nullable InfrastructureFactory factory;

    /** The database's JDBC URL. */
    protected abstract String url();

    /** The database user, or null. */
    protected @Nullable String user() {
        return null;
    }

    /** Empties the database before every test; the default does nothing (a new database per test). */
    protected void emptyDatabase() {}

    @BeforeEach
    void openTheFactory() {
        FaultyDataSource.reset();
        emptyDatabase();
        Map<String, String> env = new HashMap<>(Map.of("PERSISTENCE_MODULE", "jdbc", JdbcSettings.JDBC_URL, url(),
                JdbcSettings.JDBC_DATASOURCE_TOPIC, FaultyDataSource.class.getName()));
        if (user() != null) {
            env.put(JdbcSettings.JDBC_USER, user());
        }
        factory = InfrastructureFactory.construct(Environment.isolated("Faulty", env));
    }

    @AfterEach
    void closeTheFactory() {
        FaultyDataSource.reset();
        if (factory != null) {
            factory.close();
        }
    }

    @Test
    void a_save_whose_commit_was_recorded_but_whose_answer_was_lost_is_answered_as_recorded_once() {
        ApplicationRecorder recorder = factory().applicationRecorder();
        recorder.insertEvents(List.of(event(UUID.randomUUID(), 1, "before")));
        UUID id = UUID.randomUUID();
        List<StoredEvent> events = List.of(event(id, 1, "opened"), event(id, 2, "credited"));

        FaultyDataSource.atNextCommit(Fault.ANSWER_LOST);
        List<Long> ids = recorder.insertEvents(events);

        assertThat(FaultyDataSource.happened()).as("faults that happened").isEqualTo(1);
        assertThat(ids).containsExactly(2L, 3L);
        assertThat(recorder.selectEvents(id, null, null, false, null)).isEqualTo(events);
        assertThat(recorder.selectNotifications(1, 10).stream().map(Notification::id)).containsExactly(1L, 2L, 3L);
        assertThat(recorder.insertEvents(List.of(event(id, 3, "next")))).containsExactly(4L);
    }

    @Test
    void a_save_whose_connection_was_lost_before_the_commit_is_written_again_and_recorded_once() {
        ApplicationRecorder recorder = factory().applicationRecorder();
        UUID id = UUID.randomUUID();
        List<StoredEvent> events = List.of(event(id, 1, "opened"));

        FaultyDataSource.atNextCommit(Fault.LOST_BEFORE_COMMIT);
        List<Long> ids = recorder.insertEvents(events);

        assertThat(FaultyDataSource.happened()).isEqualTo(1);
        assertThat(ids).containsExactly(1L);
        assertThat(recorder.selectEvents(id, null, null, false, null)).isEqualTo(events);
        assertThat(recorder.maxNotificationId()).isEqualTo(1);
    }

    @Test
    void a_process_recorders_events_and_tracking_whose_answer_was_lost_are_answered_as_recorded() {
        ProcessRecorder recorder = factory().processRecorder();
        UUID id = UUID.randomUUID();

        FaultyDataSource.atNextCommit(Fault.ANSWER_LOST);
        List<Long> ids = recorder.insertEvents(List.of(event(id, 1, "processed")), new Tracking("upstream", 7));

        assertThat(FaultyDataSource.happened()).isEqualTo(1);
        assertThat(ids).containsExactly(1L);
        assertThat(recorder.maxTrackingId("upstream")).isEqualTo(7);
        assertThat(recorder.selectEvents(id, null, null, false, null)).hasSize(1);
    }

    @Test
    void a_dcb_append_whose_commit_was_recorded_but_whose_answer_was_lost_is_answered_as_appended_once() {
        DcbRecorder store = factory().dcbRecorder();
        store.append(List.of(DcbEvent.of("Registered", "ada".getBytes(StandardCharsets.UTF_8), "user:ada")), null);
        DcbAppendCondition unclaimed = DcbAppendCondition.failIfEventsMatch(DcbQuery.tags("user:bob"), 1);

        FaultyDataSource.atNextCommit(Fault.ANSWER_LOST);
        long last = store.append(List.of(DcbEvent.of("Registered", "bob".getBytes(StandardCharsets.UTF_8),
                "user:bob")), unclaimed);

        assertThat(FaultyDataSource.happened()).isEqualTo(1);
        assertThat(last).isEqualTo(2);
        assertThat(store.head()).isEqualTo(2);
        assertThat(store.read(DcbQuery.tags("user:bob"), null, null)).hasSize(1);
    }

    @Test
    void a_dcb_append_whose_connection_was_lost_before_the_commit_is_written_again_once() {
        DcbRecorder store = factory().dcbRecorder();

        FaultyDataSource.atNextCommit(Fault.LOST_BEFORE_COMMIT);
        long last = store.append(List.of(DcbEvent.of("Registered", "cy".getBytes(StandardCharsets.UTF_8),
                "user:cy")), DcbAppendCondition.failIfEventsMatch(DcbQuery.tags("user:cy")));

        assertThat(FaultyDataSource.happened()).isEqualTo(1);
        assertThat(last).isEqualTo(1);
        assertThat(store.head()).isEqualTo(1);
    }

    @Test
    void a_later_dcb_append_whose_connection_was_lost_before_the_commit_is_written_again_once() {
        // The second append of a store: where the dialect can, it is sent in one statement with its checks.
        DcbRecorder store = factory().dcbRecorder();
        store.append(List.of(DcbEvent.of("Registered", "ada".getBytes(StandardCharsets.UTF_8), "user:ada")), null);

        FaultyDataSource.atNextCommit(Fault.LOST_BEFORE_COMMIT);
        long last = store.append(List.of(DcbEvent.of("Registered", "cy".getBytes(StandardCharsets.UTF_8),
                "user:cy")), DcbAppendCondition.failIfEventsMatch(DcbQuery.tags("user:cy"), 1));

        assertThat(FaultyDataSource.happened()).isEqualTo(1);
        assertThat(last).isEqualTo(2);
        assertThat(store.head()).isEqualTo(2);
        assertThat(store.read(DcbQuery.tags("user:cy"), null, null)).hasSize(1);
    }

    @Test
    void a_save_whose_outcome_cannot_be_found_out_says_so_and_does_not_claim_it_failed() {
        ApplicationRecorder recorder = factory().applicationRecorder();
        UUID id = UUID.randomUUID();

        FaultyDataSource.atNextCommit(Fault.ANSWER_LOST_THEN_DOWN);
        assertThatThrownBy(() -> recorder.insertEvents(List.of(event(id, 1, "opened"))))
                .isInstanceOf(OperationalException.class)
                .hasMessageContaining("could not be found out whether the events were recorded");
        FaultyDataSource.reset();

        assertThat(recorder.selectEvents(id, null, null, false, null)).as("what was in fact recorded").hasSize(1);
    }

    private InfrastructureFactory factory() {
        if (factory == null) {
            throw new IllegalStateException("no factory");
        }
        return factory;
    }

    private static StoredEvent event(UUID id, long version, String text) {
        return new StoredEvent(id, version, "topic", text.getBytes(StandardCharsets.UTF_8));
    }

    /** For subclasses. */
    protected CommitOutcomeConformance() {}
}
