package io.eventsourcing.jdbc.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsourcing.dcb.DcbAppendCondition;
import io.eventsourcing.dcb.DcbConditionException;
import io.eventsourcing.dcb.DcbEvent;
import io.eventsourcing.dcb.DcbQuery;
import io.eventsourcing.jdbc.GroupCommits;
import io.eventsourcing.jdbc.JdbcApplicationRecorder;
import io.eventsourcing.jdbc.JdbcDcbRecorder;
import io.eventsourcing.jdbc.JdbcDialect;
import io.eventsourcing.jdbc.JdbcFactory;
import io.eventsourcing.persistence.Environment;
import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.persistence.IntegrityException;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.persistence.ProcessRecorder;
import io.eventsourcing.persistence.StoredEvent;
import io.eventsourcing.persistence.Tracking;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/*
 * Design: a group forms when inserts arrive while another group is being written. To make one for
 * sure, the test holds the notification lock on a connection of its own (the dialect's own begin and
 * lock), starts one insert, which takes its group of one and waits for the lock, then queues the
 * inserts under test behind it and releases the lock: they are then written as one group (or, where
 * the committer must keep two apart, as consecutive groups). The committer's counts show that they
 * were. The kit's racing suites check the same outcomes without forcing groups, on every backend.
 */

/**
 * Group commit on a SQL backend: inserts written in one group keep their own outcomes. Extend it with
 * the backend's settings.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
public abstract class GroupCommitConformance {
    private @Nullable JdbcFactory factory;

    /** The backend's settings. */
    protected abstract Map<String, String> env();

    /** Empties the database before every test; the default does nothing (a new database per test). */
    protected void emptyDatabase() {}

    @BeforeEach
    void openTheFactory() {
        emptyDatabase();
        factory = (JdbcFactory) InfrastructureFactory.construct(Environment.isolated("Grouped", env()));
    }

    @AfterEach
    void closeTheFactory() {
        if (factory != null) {
            factory.close();
        }
    }

    @Test
    void a_conflict_inside_a_group_fails_only_its_own_insert_and_the_rest_commit() throws Exception {
        JdbcApplicationRecorder recorder = (JdbcApplicationRecorder) factory().applicationRecorder();
        UUID taken = UUID.randomUUID();
        UUID taken2 = UUID.randomUUID();
        recorder.insertEvents(List.of(event(taken, 1, "taken"), event(taken2, 1, "taken")));
        UUID fresh1 = UUID.randomUUID();
        UUID fresh2 = UUID.randomUUID();
        UUID partly = UUID.randomUUID();
        UUID fresh3 = UUID.randomUUID();

        List<Object> outcomes = whileLocked(recorder,
                () -> recorder.insertEvents(List.of(event(UUID.randomUUID(), 1, "first"))),
                List.of(() -> recorder.insertEvents(List.of(event(fresh1, 1, "a"), event(fresh1, 2, "b"))),
                        () -> recorder.insertEvents(List.of(event(taken, 1, "again"))),
                        () -> recorder.insertEvents(List.of(event(fresh2, 1, "c"))),
                        () -> recorder.insertEvents(List.of(event(partly, 1, "d"), event(taken2, 1, "e"))),
                        () -> recorder.insertEvents(List.of(event(fresh3, 1, "f")))),
                1);

        assertThat(outcomes.get(0)).isEqualTo(List.of(4L, 5L));
        assertThat(outcomes.get(1)).isInstanceOf(IntegrityException.class);
        assertThat(((Exception) outcomes.get(1))).hasMessageContaining(taken + ":1 already recorded");
        assertThat(outcomes.get(2)).isEqualTo(List.of(6L));
        assertThat(outcomes.get(3)).isInstanceOf(IntegrityException.class);
        assertThat(((Exception) outcomes.get(3))).hasMessageContaining(taken2 + ":1 already recorded");
        assertThat(outcomes.get(4)).isEqualTo(List.of(7L));
        assertThat(recorder.selectEvents(partly, null, null, false, null)).as("events of the refused insert").isEmpty();
        assertThat(recorder.selectEvents(taken, null, null, false, null)).containsExactly(event(taken, 1, "taken"));
        assertThat(recorder.selectEvents(taken2, null, null, false, null)).containsExactly(event(taken2, 1, "taken"));
        assertThat(ids(recorder.selectNotifications(1, 100))).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(recorder.selectNotifications(4, 4).stream().map(Notification::toStoredEvent).toList())
                .containsExactly(event(fresh1, 1, "a"), event(fresh1, 2, "b"), event(fresh2, 1, "c"),
                        event(fresh3, 1, "f"));
    }

    @Test
    void of_two_inserts_of_one_event_version_queued_together_the_first_commits_and_the_second_fails()
            throws Exception {
        JdbcApplicationRecorder recorder = (JdbcApplicationRecorder) factory().applicationRecorder();
        UUID aggregate = UUID.randomUUID();
        recorder.insertEvents(List.of(event(aggregate, 1, "created")));
        UUID other = UUID.randomUUID();

        List<Object> outcomes = whileLocked(recorder,
                () -> recorder.insertEvents(List.of(event(UUID.randomUUID(), 1, "first"))),
                List.of(() -> recorder.insertEvents(List.of(event(aggregate, 2, "mine"))),
                        () -> recorder.insertEvents(List.of(event(aggregate, 2, "yours"))),
                        () -> recorder.insertEvents(List.of(event(other, 1, "unrelated")))),
                2);

        assertThat(outcomes.get(0)).isEqualTo(List.of(3L));
        assertThat(outcomes.get(1)).isInstanceOf(IntegrityException.class);
        assertThat(outcomes.get(2)).isEqualTo(List.of(4L));
        assertThat(recorder.selectEvents(aggregate, 1L, null, false, null)).containsExactly(event(aggregate, 2, "mine"));
    }

    @Test
    void a_process_recorders_inserts_in_one_group_keep_their_own_tracking_outcomes() throws Exception {
        ProcessRecorder recorder = factory().processRecorder();
        recorder.insertEvents(List.of(), new Tracking("upstream", 5));
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();

        List<Object> outcomes = whileLocked((JdbcApplicationRecorder) recorder,
                () -> recorder.insertEvents(List.of(event(UUID.randomUUID(), 1, "first")), new Tracking("other", 1)),
                List.of(() -> recorder.insertEvents(List.of(event(a, 1, "a")), new Tracking("upstream", 6)),
                        () -> recorder.insertEvents(List.of(event(b, 1, "b")), new Tracking("elsewhere", 3)),
                        () -> recorder.insertEvents(List.of(event(UUID.randomUUID(), 1, "stale")),
                                new Tracking("other", 1)),
                        () -> recorder.insertEvents(List.of(), new Tracking("third", 9))),
                1);

        assertThat(outcomes.get(0)).isEqualTo(List.of(2L));
        assertThat(outcomes.get(1)).isEqualTo(List.of(3L));
        assertThat(outcomes.get(2)).isInstanceOf(IntegrityException.class);
        assertThat(outcomes.get(3)).isEqualTo(List.of());
        assertThat(recorder.maxTrackingId("upstream")).isEqualTo(6);
        assertThat(recorder.maxTrackingId("elsewhere")).isEqualTo(3);
        assertThat(recorder.maxTrackingId("other")).isEqualTo(1);
        assertThat(recorder.maxTrackingId("third")).isEqualTo(9);
        assertThat(ids(recorder.selectNotifications(1, 100))).containsExactly(1L, 2L, 3L);
    }

    @Test
    void of_two_tracking_positions_of_one_upstream_queued_together_each_is_judged_after_the_other() throws Exception {
        ProcessRecorder recorder = factory().processRecorder();

        List<Object> outcomes = whileLocked((JdbcApplicationRecorder) recorder,
                () -> recorder.insertEvents(List.of(event(UUID.randomUUID(), 1, "first")), new Tracking("leader", 1)),
                List.of(() -> recorder.insertEvents(List.of(event(UUID.randomUUID(), 1, "x")), new Tracking("leader", 3)),
                        () -> recorder.insertEvents(List.of(event(UUID.randomUUID(), 1, "y")), new Tracking("leader", 2)),
                        () -> recorder.insertEvents(List.of(event(UUID.randomUUID(), 1, "z")), new Tracking("leader", 4))),
                3);

        assertThat(outcomes.get(0)).isEqualTo(List.of(2L));
        assertThat(outcomes.get(1)).isInstanceOf(IntegrityException.class);
        assertThat(outcomes.get(2)).isEqualTo(List.of(3L));
        assertThat(recorder.maxTrackingId("leader")).isEqualTo(4);
    }

    @Test
    void a_lone_insert_is_a_group_of_one_and_concurrent_inserts_share_groups() throws Exception {
        JdbcApplicationRecorder recorder = (JdbcApplicationRecorder) factory().applicationRecorder();
        GroupCommits before = recorder.groupCommits();
        recorder.insertEvents(List.of(event(UUID.randomUUID(), 1, "alone")));
        GroupCommits after = recorder.groupCommits();
        assertThat(after.groups() - before.groups()).isEqualTo(1);
        assertThat(after.inserts() - before.inserts()).isEqualTo(1);

        List<Callable<List<Long>>> many = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            many.add(() -> recorder.insertEvents(List.of(event(UUID.randomUUID(), 1, "many"))));
        }
        whileLocked(recorder, () -> recorder.insertEvents(List.of(event(UUID.randomUUID(), 1, "first"))), many, 1);
        assertThat(ids(recorder.selectNotifications(1, 100))).hasSize(10).last().isEqualTo(10L);
    }

    @Test
    void dcb_appends_in_one_group_are_judged_in_order_and_a_refused_one_fails_alone() throws Exception {
        JdbcDcbRecorder store = (JdbcDcbRecorder) factory().dcbRecorder();
        store.append(List.of(DcbEvent.of("Registered", bytes("ada"), "user:ada")), null);
        long head = store.head();
        JdbcFactory jdbc = factory();
        GroupCommits before = store.groupCommits();
        FutureTask<Long> leader = new FutureTask<>(() -> store.append(
                List.of(DcbEvent.of("Registered", bytes("first"), "user:first")), null));
        List<FutureTask<Long>> followers = new ArrayList<>();
        DcbAppendCondition unclaimed = DcbAppendCondition.failIfEventsMatch(DcbQuery.tags("user:bob"), head);
        List<Callable<Long>> rest = List.of(
                () -> store.append(List.of(DcbEvent.of("Registered", bytes("bob"), "user:bob")), unclaimed),
                () -> store.append(List.of(DcbEvent.of("Registered", bytes("bob again"), "user:bob")), unclaimed),
                () -> store.append(List.of(DcbEvent.of("Registered", bytes("cy"), "user:cy"),
                        DcbEvent.of("Welcomed", bytes("cy"), "user:cy")), DcbAppendCondition.failIfEventsMatch(
                        DcbQuery.tags("user:cy"), head)),
                () -> store.append(List.of(DcbEvent.of("Registered", bytes("ada again"), "user:ada")),
                        DcbAppendCondition.failIfEventsMatch(DcbQuery.tags("user:ada"), 0)));
        try (Connection holder = jdbc.datastore().dataSource().getConnection()) {
            jdbc.datastore().dialect().begin(holder);
            jdbc.datastore().dialect().dcbDialect().lock(holder, store.tables(), (DcbAppendCondition) null);
            Thread.ofPlatform().name("dcb-group-leader").start(leader);
            awaitTrue(() -> store.groupCommits().groups() == before.groups() + 1, "the first append took its group");
            for (Callable<Long> append : rest) {
                FutureTask<Long> task = new FutureTask<>(append);
                followers.add(task);
                Thread.ofPlatform().name("dcb-group-follower").start(task);
                int queued = followers.size();
                awaitTrue(() -> store.groupCommits().waiting() == queued, queued + " appends queued");
            }
            jdbc.datastore().dialect().rollback(holder);
        }
        assertThat(leader.get(60, TimeUnit.SECONDS)).isEqualTo(head + 1);
        List<Object> outcomes = new ArrayList<>();
        for (FutureTask<Long> follower : followers) {
            try {
                outcomes.add(follower.get(60, TimeUnit.SECONDS));
            } catch (ExecutionException e) {
                outcomes.add(e.getCause());
            }
        }
        GroupCommits after = store.groupCommits();
        assertThat(after.groups() - before.groups()).as("groups written").isEqualTo(2);

        assertThat(outcomes.get(0)).isEqualTo(head + 2);
        assertThat(outcomes.get(1)).as("refused by bob's append of the same group")
                .isInstanceOf(DcbConditionException.class);
        assertThat(((Exception) outcomes.get(1))).hasMessageContaining("position " + (head + 2));
        assertThat(outcomes.get(2)).isEqualTo(head + 4);
        assertThat(outcomes.get(3)).as("refused by the stored event").isInstanceOf(DcbConditionException.class);
        assertThat(store.head()).isEqualTo(head + 4);
        assertThat(store.read(DcbQuery.tags("user:bob"), null, null)).extracting(e -> e.event().data())
                .containsExactly(bytes("bob"));
    }

    /**
     * Runs {@code first} and, once it waits for the lock held here, queues {@code rest}, then releases the
     * lock; checks that the rest were written in {@code groups} groups after first's.
     *
     * @return the outcome of each of {@code rest}: its ids, or the exception it threw
     */
    private List<Object> whileLocked(JdbcApplicationRecorder recorder, Callable<List<Long>> first,
            List<Callable<List<Long>>> rest, int groups) throws Exception {
        JdbcFactory jdbc = factory();
        JdbcDialect dialect = jdbc.datastore().dialect();
        GroupCommits before = recorder.groupCommits();
        FutureTask<List<Long>> leader = new FutureTask<>(first);
        List<FutureTask<List<Long>>> followers = new ArrayList<>();
        try (Connection holder = jdbc.datastore().dataSource().getConnection()) {
            dialect.begin(holder);
            dialect.lockNotifications(holder, jdbc.tables());
            Thread.ofPlatform().name("group-leader").start(leader);
            awaitTrue(() -> recorder.groupCommits().groups() == before.groups() + 1, "the first insert took its group");
            for (Callable<List<Long>> insert : rest) {
                FutureTask<List<Long>> task = new FutureTask<>(insert);
                followers.add(task);
                Thread.ofPlatform().name("group-follower").start(task);
                int queued = followers.size();
                awaitTrue(() -> recorder.groupCommits().waiting() == queued, queued + " inserts queued");
            }
            dialect.rollback(holder);
        }
        leader.get(60, TimeUnit.SECONDS);
        List<Object> outcomes = new ArrayList<>();
        for (FutureTask<List<Long>> follower : followers) {
            try {
                outcomes.add(follower.get(60, TimeUnit.SECONDS));
            } catch (ExecutionException e) {
                outcomes.add(e.getCause());
            }
        }
        GroupCommits after = recorder.groupCommits();
        assertThat(after.groups() - before.groups()).as("groups written").isEqualTo(1 + groups);
        assertThat(after.inserts() - before.inserts()).as("inserts written").isEqualTo(1 + rest.size());
        return outcomes;
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 20 s in vain until " + what);
            }
            Thread.sleep(2);
        }
    }

    private JdbcFactory factory() {
        if (factory == null) {
            throw new IllegalStateException("no factory");
        }
        return factory;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static StoredEvent event(UUID id, long version, String text) {
        return new StoredEvent(id, version, "topic", text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<Long> ids(List<Notification> notifications) {
        return notifications.stream().map(Notification::id).toList();
    }

    /** For subclasses. */
    protected GroupCommitConformance() {}
}
