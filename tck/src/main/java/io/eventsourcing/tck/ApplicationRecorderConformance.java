package io.eventsourcing.tck;

import static io.eventsourcing.tck.StoredEvents.TOPIC1;
import static io.eventsourcing.tck.StoredEvents.TOPIC2;
import static io.eventsourcing.tck.StoredEvents.TOPIC3;
import static io.eventsourcing.tck.StoredEvents.event;
import static io.eventsourcing.tck.StoredEvents.events;
import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.persistence.ApplicationRecorder;
import io.eventsourcing.persistence.IntegrityException;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.persistence.StoredEvent;
import io.eventsourcing.persistence.Subscription;
import io.eventsourcing.persistence.WaitTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * The contract of an {@link ApplicationRecorder}: every inserted event gets a notification id, from 1,
 * unique, increasing in commit order and without gaps, also under concurrent writers, so a reader
 * following the log never sees a gap that is filled later; notifications are selected by start,
 * limit, stop and topics; and a subscription yields the recorded notifications and then each new one
 * until it is closed. Ported from pyeventsourcing's {@code ApplicationRecorderTestCase} and
 * {@code NonInterleavingNotificationIDsBaseCase}.
 *
 * <p>A backend runs it by extending it and making a new, empty recorder for each test:
 *
 * <pre>{@code
 * class SqliteApplicationRecorderTest extends ApplicationRecorderConformance {
 *     @Override protected ApplicationRecorder createRecorder() { return factory.applicationRecorder(); }
 * }
 * }</pre>
 *
 * "Empty" includes the id sequence: the first event inserted gets id 1. The recorder is closed after
 * each test; a backend whose store outlives it (a database) empties the store in
 * {@code createRecorder()} or an {@code @AfterEach} method of its own. A slow server backend may lower
 * {@link #nonInterleavingBatchSize()}.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
public abstract class ApplicationRecorderConformance {
    private static final long WAIT_SECONDS = 10;

    private final UUID originator1 = UUID.randomUUID();
    private final UUID originator2 = UUID.randomUUID();
    private final StoredEvent e1 = event(originator1, 1, TOPIC1);
    private final StoredEvent e2 = event(originator1, 2, TOPIC2);
    private final StoredEvent e3 = event(originator2, 1, TOPIC3);
    private @Nullable ApplicationRecorder recorder;

    /** For subclasses. */
    protected ApplicationRecorderConformance() {}

    /** A new recorder with nothing recorded in it, whose next notification id is 1; called before each test. */
    protected abstract ApplicationRecorder createRecorder();

    /**
     * How many events each of the two racing writers inserts in one batch in the test
     * {@code two_racing_batches_get_id_ranges_that_do_not_interleave}: 10,000 unless overridden.
     * pyeventsourcing uses 10,000 for its embedded backends and 100 for PostgreSQL.
     */
    protected int nonInterleavingBatchSize() {
        return 10_000;
    }

    /** The recorder under test. */
    protected final ApplicationRecorder recorder() {
        return requireNonNull(recorder, "recorder: createRecorder() has not been called yet");
    }

    @BeforeEach
    final void setUpRecorder() {
        recorder = createRecorder();
    }

    @AfterEach
    final void closeRecorder() {
        ApplicationRecorder created = recorder;
        recorder = null;
        if (created != null) {
            created.close();
        }
    }

    @Test
    void an_empty_recorder_has_no_notifications_and_max_id_zero() {
        assertThat(recorder().selectNotifications(1, 10)).isEmpty();
        assertThat(recorder().selectNotifications(1, 10, null, Set.of(TOPIC1, TOPIC2))).isEmpty();
        assertThat(recorder().maxNotificationId()).isZero();
    }

    @Test
    void gives_inserted_events_notification_ids_from_one_in_order() {
        assertThat(recorder().insertEvents(List.of(e1, e2))).containsExactly(1L, 2L);
        assertThat(recorder().maxNotificationId()).isEqualTo(2);

        assertThat(recorder().insertEvents(List.of(e3))).containsExactly(3L);
        assertThat(recorder().maxNotificationId()).isEqualTo(3);
    }

    @Test
    void a_recorded_notification_is_readable_and_one_never_recorded_times_out() {
        List<Long> ids = recorder().insertEvents(List.of(e1, e2));

        recorder().waitForNotification(ids.getLast(), Duration.ofSeconds(WAIT_SECONDS));
        assertThat(recorder().selectNotifications(1, 10)).extracting(Notification::id).containsExactly(1L, 2L);
        assertThatThrownBy(() -> recorder().waitForNotification(3, Duration.ofMillis(50)))
                .isInstanceOf(WaitTimeoutException.class)
                .hasMessageContaining("notification 3");
    }

    @Test
    void an_empty_insert_takes_no_id() {
        assertThat(recorder().insertEvents(List.of())).isEmpty();
        assertThat(recorder().maxNotificationId()).isZero();

        assertThat(recorder().insertEvents(List.of(e1))).containsExactly(1L);
    }

    @Test
    void rejects_a_duplicate_and_leaves_the_log_unchanged() {
        recorder().insertEvents(List.of(e1, e2));
        recorder().insertEvents(List.of(e3));
        StoredEvent newOne = event(UUID.randomUUID(), 1, TOPIC1);

        assertThatThrownBy(() -> recorder().insertEvents(List.of(newOne, e2))).isInstanceOf(IntegrityException.class);

        assertThat(recorder().maxNotificationId()).isEqualTo(3);
        assertThat(recorder().selectNotifications(1, 10)).containsExactly(n(1, e1), n(2, e2), n(3, e3));
        assertThat(recorder().selectEvents(newOne.originatorId())).isEmpty();
    }

    @Test
    void a_rejected_insert_leaves_no_gap_in_the_ids() {
        recorder().insertEvents(List.of(e1));
        assertThatThrownBy(() -> recorder().insertEvents(List.of(e3, e1))).isInstanceOf(IntegrityException.class);

        assertThat(recorder().insertEvents(List.of(e2, e3))).containsExactly(2L, 3L);
        assertThat(recorder().selectNotifications(1, 10)).extracting(Notification::id).containsExactly(1L, 2L, 3L);
    }

    @Test
    void selects_events_by_originator_as_an_aggregate_recorder_does() {
        recorder().insertEvents(List.of(e1, e2, e3));

        assertThat(recorder().selectEvents(originator1)).containsExactly(e1, e2);
        assertThat(recorder().selectEvents(originator1, null, null, true, 1)).containsExactly(e2);
        assertThat(recorder().selectEvents(originator2)).containsExactly(e3);
    }

    /** The notification with an id for a stored event. */
    private static Notification n(long id, StoredEvent event) {
        return Notification.of(id, event);
    }

    /** Selections from e1 (topic1), e2 (topic2) and e3 (topic3), with notification ids 1, 2 and 3. */
    @Nested
    class SelectingNotifications {

        @BeforeEach
        void recordThreeEvents() {
            recorder().insertEvents(List.of(e1, e2));
            recorder().insertEvents(List.of(e3));
        }

        @Test
        void selects_every_notification_with_the_fields_recorded() {
            List<Notification> all = recorder().selectNotifications(1, 10);

            assertThat(all).containsExactly(n(1, e1), n(2, e2), n(3, e3));
            assertThat(all.get(2).originatorId()).isEqualTo(originator2);
            assertThat(all.get(2).originatorVersion()).isEqualTo(1);
            assertThat(all.get(2).topic()).isEqualTo(TOPIC3);
            assertThat(all.get(2).state()).isEqualTo(e3.state());
        }

        @Test
        void selects_from_start_onwards() {
            assertThat(ids(recorder().selectNotifications(2, 10))).containsExactly(2L, 3L);
            assertThat(ids(recorder().selectNotifications(3, 10))).containsExactly(3L);
            assertThat(recorder().selectNotifications(4, 10)).isEmpty();
        }

        @Test
        void treats_a_start_below_one_as_one() {
            assertThat(ids(recorder().selectNotifications(0, 10))).containsExactly(1L, 2L, 3L);
            assertThat(ids(recorder().selectNotifications(-5, 2))).containsExactly(1L, 2L);
        }

        @Test
        void selects_at_most_limit_notifications() {
            assertThat(ids(recorder().selectNotifications(1, 1))).containsExactly(1L);
            assertThat(ids(recorder().selectNotifications(1, 2))).containsExactly(1L, 2L);
            assertThat(ids(recorder().selectNotifications(2, 1))).containsExactly(2L);
            assertThat(recorder().selectNotifications(1, 0)).isEmpty();
        }

        @Test
        void selects_up_to_and_including_stop() {
            assertThat(ids(recorder().selectNotifications(1, 10, 2L, Set.of()))).containsExactly(1L, 2L);
            assertThat(ids(recorder().selectNotifications(2, 10, 2L, Set.of()))).containsExactly(2L);
            assertThat(ids(recorder().selectNotifications(1, 1, 2L, Set.of()))).containsExactly(1L);
            assertThat(recorder().selectNotifications(3, 10, 2L, Set.of())).isEmpty();
        }

        @Test
        void selects_only_the_given_topics() {
            assertThat(ids(recorder().selectNotifications(1, 10, null, Set.of(TOPIC1, TOPIC2, TOPIC3))))
                    .containsExactly(1L, 2L, 3L);
            assertThat(recorder().selectNotifications(1, 10, null, Set.of(TOPIC1))).containsExactly(n(1, e1));
            assertThat(recorder().selectNotifications(1, 10, null, Set.of(TOPIC2))).containsExactly(n(2, e2));
            assertThat(recorder().selectNotifications(1, 10, null, Set.of(TOPIC3))).containsExactly(n(3, e3));
            assertThat(ids(recorder().selectNotifications(1, 10, null, Set.of(TOPIC1, TOPIC3))))
                    .containsExactly(1L, 3L);
            assertThat(recorder().selectNotifications(1, 10, null, Set.of("no-such-topic"))).isEmpty();
        }

        @Test
        void counts_start_limit_and_stop_among_the_notifications_of_the_given_topics() {
            Set<String> oneAndThree = Set.of(TOPIC1, TOPIC3);

            assertThat(ids(recorder().selectNotifications(1, 1, null, oneAndThree))).containsExactly(1L);
            assertThat(ids(recorder().selectNotifications(2, 1, null, oneAndThree))).containsExactly(3L);
            assertThat(ids(recorder().selectNotifications(1, 10, 2L, oneAndThree))).containsExactly(1L);
            assertThat(ids(recorder().selectNotifications(2, 10, 2L, oneAndThree))).isEmpty();
            assertThat(ids(recorder().selectNotifications(3, 10, null, Set.of(TOPIC2)))).isEmpty();
        }

        @Test
        void rejects_a_negative_limit() {
            assertThatThrownBy(() -> recorder().selectNotifications(1, -1))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    /**
     * Inserts that race may be written together (a backend may combine concurrent inserts into one
     * transaction): each keeps its own outcome all the same, as if they had been written one by one.
     */
    @Nested
    class Grouping {
        private static final int THREADS = 16;
        private static final int ROUNDS = 12;

        @Test
        @Timeout(value = 5, unit = TimeUnit.MINUTES)
        void racing_inserts_keep_their_own_outcomes_when_some_conflict() throws Exception {
            List<UUID> recorded = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                recorded.add(UUID.randomUUID());
                recorder().insertEvents(List.of(event(recorded.getLast(), 1, TOPIC1)));
            }
            Map<Long, StoredEvent> stored = new ConcurrentHashMap<>();
            Queue<UUID> mustBeAbsent = new ConcurrentLinkedQueue<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
                for (int round = 0; round < ROUNDS; round++) {
                    CyclicBarrier start = new CyclicBarrier(THREADS);
                    List<Future<?>> inserts = new ArrayList<>();
                    for (int thread = 0; thread < THREADS; thread++) {
                        int kind = thread % 4;
                        UUID taken = recorded.get(thread / 4);
                        inserts.add(pool.submit(() -> {
                            UUID fresh = UUID.randomUUID();
                            UUID other = UUID.randomUUID();
                            List<StoredEvent> batch = switch (kind) {
                                case 0 -> List.of(event(fresh, 1, TOPIC1));
                                case 1 -> List.of(event(taken, 1, TOPIC2));
                                case 2 -> List.of(event(fresh, 1, TOPIC1), event(other, 1, TOPIC1),
                                        event(taken, 1, TOPIC3));
                                default -> List.of(event(fresh, 1, TOPIC1), event(fresh, 2, TOPIC2),
                                        event(other, 1, TOPIC3));
                            };
                            start.await(WAIT_SECONDS, TimeUnit.SECONDS);
                            if (kind == 1 || kind == 2) {
                                assertThatThrownBy(() -> recorder().insertEvents(batch))
                                        .as("an insert with an event recorded already")
                                        .isInstanceOf(IntegrityException.class);
                                mustBeAbsent.add(fresh);
                                mustBeAbsent.add(other);
                            } else {
                                List<Long> ids = recorder().insertEvents(batch);
                                assertThat(ids).as("the ids of one insert").isEqualTo(range(ids.getFirst(),
                                        batch.size()));
                                for (int i = 0; i < ids.size(); i++) {
                                    assertThat(stored.putIfAbsent(ids.get(i), batch.get(i))).isNull();
                                }
                            }
                            return null;
                        }));
                    }
                    for (Future<?> insert : inserts) {
                        insert.get();
                    }
                }
            }

            for (UUID absent : mustBeAbsent) {
                assertThat(recorder().selectEvents(absent, null, null, false, null))
                        .as("events of a refused insert").isEmpty();
            }
            for (UUID taken : recorded) {
                assertThat(recorder().selectEvents(taken, null, null, false, null)).as("the events of %s", taken)
                        .containsExactly(event(taken, 1, TOPIC1));
            }
            long total = recorded.size() + stored.size();
            assertThat(recorder().maxNotificationId()).isEqualTo(total);
            List<Notification> all = recorder().selectNotifications(1, (int) total + 1);
            assertThat(ids(all)).as("ids with no gaps").isEqualTo(range(1, (int) total));
            for (Notification notification : all.subList(recorded.size(), all.size())) {
                assertThat(notification).isEqualTo(n(notification.id(), stored.get(notification.id())));
            }
        }

        @Test
        @Timeout(value = 5, unit = TimeUnit.MINUTES)
        void of_racing_inserts_of_one_event_version_exactly_one_is_recorded() throws Exception {
            for (int round = 0; round < ROUNDS; round++) {
                UUID aggregate = UUID.randomUUID();
                recorder().insertEvents(List.of(event(aggregate, 1, TOPIC1)));
                CyclicBarrier start = new CyclicBarrier(THREADS);
                List<Future<StoredEvent>> inserts = new ArrayList<>();
                try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
                    for (int thread = 0; thread < THREADS; thread++) {
                        StoredEvent second = new StoredEvent(aggregate, 2, TOPIC2,
                                ("{\"writer\":" + thread + "}").getBytes(StandardCharsets.UTF_8));
                        inserts.add(pool.submit(() -> {
                            start.await(WAIT_SECONDS, TimeUnit.SECONDS);
                            try {
                                recorder().insertEvents(List.of(second));
                                return second;
                            } catch (IntegrityException e) {
                                return null;
                            }
                        }));
                    }
                    List<StoredEvent> winners = new ArrayList<>();
                    for (Future<StoredEvent> insert : inserts) {
                        StoredEvent winner = insert.get();
                        if (winner != null) {
                            winners.add(winner);
                        }
                    }
                    assertThat(winners).as("inserts of version 2 that were not refused").hasSize(1);
                    assertThat(recorder().selectEvents(aggregate, 1L, null, false, null))
                            .containsExactly(winners.getFirst());
                }
            }
            long total = 2L * ROUNDS;
            assertThat(ids(recorder().selectNotifications(1, (int) total + 1))).isEqualTo(range(1, (int) total));
        }

        @Test
        @Timeout(value = 5, unit = TimeUnit.MINUTES)
        void sixteen_writers_of_one_event_each_get_gap_free_ids_in_commit_order_while_readers_follow()
                throws Exception {
            int perWriter = 150;
            long total = (long) THREADS * perWriter;
            AtomicBoolean writing = new AtomicBoolean(true);
            Queue<Throwable> readerFailures = new ConcurrentLinkedQueue<>();
            List<GapCheckingReader> readers = List.of(new GapCheckingReader(recorder(), writing, readerFailures),
                    new GapCheckingReader(recorder(), writing, readerFailures));
            List<Thread> readerThreads = new ArrayList<>();
            for (GapCheckingReader reader : readers) {
                readerThreads.add(Thread.ofPlatform().name("gap-checking-reader").start(reader));
            }
            Map<Long, StoredEvent> stored = new ConcurrentHashMap<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
                List<Future<?>> writers = new ArrayList<>();
                for (int writer = 0; writer < THREADS; writer++) {
                    writers.add(pool.submit(() -> {
                        UUID aggregate = UUID.randomUUID();
                        long previous = 0;
                        for (int version = 1; version <= perWriter; version++) {
                            StoredEvent next = event(aggregate, version, TOPIC1);
                            long id = recorder().insertEvents(List.of(next)).getFirst();
                            assertThat(id).as("a later insert of one writer gets a higher id").isGreaterThan(previous);
                            previous = id;
                            stored.put(id, next);
                        }
                        return null;
                    }));
                }
                for (Future<?> writer : writers) {
                    writer.get();
                }
            } finally {
                writing.set(false);
                for (Thread thread : readerThreads) {
                    thread.join(TimeUnit.SECONDS.toMillis(60));
                }
            }
            assertThat(readerFailures).as("what the readers saw").isEmpty();
            for (GapCheckingReader reader : readers) {
                assertThat(reader.position()).as("the last id a reader followed to").isEqualTo(total);
            }
            assertThat(stored.keySet()).as("ids given").hasSize((int) total);
            List<Notification> all = recorder().selectNotifications(1, (int) total + 1);
            assertThat(ids(all)).isEqualTo(range(1, (int) total));
            for (Notification notification : all) {
                assertThat(notification).isEqualTo(n(notification.id(), stored.get(notification.id())));
            }
        }
    }

    /** Many writers and readers at once: ids stay unique, contiguous and in commit order. */
    @Nested
    class Racing {

        @Test
        @Timeout(value = 5, unit = TimeUnit.MINUTES)
        void concurrent_writers_get_unique_contiguous_ids_and_readers_never_see_a_gap() throws Exception {
            int writers = 10;
            int jobs = 100;
            int eventsPerJob = 100;
            long total = (long) jobs * eventsPerJob;
            ApplicationRecorder recorder = recorder();
            Map<Long, StoredEvent> recordedById = new ConcurrentHashMap<>();
            AtomicBoolean writing = new AtomicBoolean(true);
            Queue<Throwable> readerFailures = new ConcurrentLinkedQueue<>();
            List<GapCheckingReader> readers = List.of(new GapCheckingReader(recorder, writing, readerFailures),
                    new GapCheckingReader(recorder, writing, readerFailures));
            List<Thread> readerThreads = new ArrayList<>();
            for (int i = 0; i < readers.size(); i++) {
                readerThreads.add(Thread.ofPlatform().name("notification-reader-" + i).start(readers.get(i)));
            }
            try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
                List<Future<List<Long>>> results = new ArrayList<>();
                for (int job = 0; job < jobs; job++) {
                    results.add(pool.submit(() -> {
                        List<StoredEvent> batch = events(UUID.randomUUID(), 1, eventsPerJob, TOPIC1);
                        List<Long> ids = recorder.insertEvents(batch);
                        assertThat(ids).as("ids of one batch").hasSize(eventsPerJob);
                        for (int i = 0; i < ids.size(); i++) {
                            assertThat(recordedById.putIfAbsent(ids.get(i), batch.get(i)))
                                    .as("an event already given id %d", ids.get(i)).isNull();
                        }
                        return ids;
                    }));
                }
                for (Future<List<Long>> result : results) {
                    List<Long> ids = result.get();
                    assertThat(ids).as("a batch's ids are contiguous and increasing")
                            .isEqualTo(range(ids.getFirst(), ids.size()));
                }
            } finally {
                writing.set(false);
                for (Thread thread : readerThreads) {
                    thread.join(TimeUnit.SECONDS.toMillis(60));
                }
            }

            assertThat(readerThreads).as("readers still running").noneMatch(Thread::isAlive);
            assertThat(readerFailures).as("what the readers saw").isEmpty();
            for (GapCheckingReader reader : readers) {
                assertThat(reader.position()).as("the last id a reader followed to").isEqualTo(total);
            }
            // Unique keys, as many as events, from 1 to the total: exactly the ids 1..total.
            assertThat(recordedById).hasSize((int) total);
            assertThat(Collections.min(recordedById.keySet())).isEqualTo(1);
            assertThat(Collections.max(recordedById.keySet())).isEqualTo(total);
            assertThat(recorder.maxNotificationId()).isEqualTo(total);
            List<Notification> all = recorder.selectNotifications(1, (int) total + 1);
            assertThat(all).hasSize((int) total);
            for (Notification notification : all) {
                assertThat(notification).isEqualTo(n(notification.id(), recordedById.get(notification.id())));
            }
        }

        @Test
        @Timeout(value = 5, unit = TimeUnit.MINUTES)
        void two_racing_batches_get_id_ranges_that_do_not_interleave() throws Exception {
            int size = nonInterleavingBatchSize();
            String topic = "non-interleaving-test-event";
            UUID a = UUID.randomUUID();
            UUID b = UUID.randomUUID();
            List<StoredEvent> batchA = events(a, 1, size, topic);
            List<StoredEvent> batchB = events(b, 1, size, topic);
            long before = recorder().maxNotificationId();
            CyclicBarrier start = new CyclicBarrier(2);
            List<Long> idsA;
            List<Long> idsB;
            try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
                Future<List<Long>> insertA = pool.submit(() -> {
                    start.await(WAIT_SECONDS, TimeUnit.SECONDS);
                    return recorder().insertEvents(batchA);
                });
                Future<List<Long>> insertB = pool.submit(() -> {
                    start.await(WAIT_SECONDS, TimeUnit.SECONDS);
                    return recorder().insertEvents(batchB);
                });
                idsA = insertA.get();
                idsB = insertB.get();
            }

            assertThat(idsA).as("ids of batch A").isEqualTo(range(idsA.getFirst(), size));
            assertThat(idsB).as("ids of batch B").isEqualTo(range(idsB.getFirst(), size));
            assertThat(idsA.getLast() < idsB.getFirst() || idsB.getLast() < idsA.getFirst())
                    .as("batch A got %d..%d and batch B got %d..%d, which must not interleave", idsA.getFirst(),
                            idsA.getLast(), idsB.getFirst(), idsB.getLast())
                    .isTrue();
            List<Notification> selected = recorder().selectNotifications(before + 1, 2 * size);
            assertThat(selected).hasSize(2 * size);
            assertThat(selected.stream().filter(x -> x.originatorId().equals(a)).map(Notification::id).toList())
                    .isEqualTo(idsA);
            assertThat(selected.stream().filter(x -> x.originatorId().equals(b)).map(Notification::id).toList())
                    .isEqualTo(idsB);
        }
    }

    /** Subscriptions: recorded notifications first, then live ones, until closed. */
    @Nested
    @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
    class Subscribing {

        @Test
        void yields_the_recorded_notifications_then_new_ones_on_the_same_subscription() throws Exception {
            recorder().insertEvents(List.of(e1, e2));

            Subscription subscription = recorder().subscribe(0);
            try {
                Follower<Notification> follower = new Follower<>(subscription);

                assertThat(follower.next()).isEqualTo(n(1, e1));
                assertThat(follower.next()).isEqualTo(n(2, e2));

                assertThat(recorder().insertEvents(List.of(e3))).containsExactly(3L);
                assertThat(follower.next()).isEqualTo(n(3, e3));

                subscription.close();
                follower.assertEndedWithoutError();
            } finally {
                subscription.close();
            }
        }

        @Test
        void starts_after_the_id_given() {
            recorder().insertEvents(List.of(e1, e2));
            recorder().insertEvents(List.of(e3));

            try (Subscription subscription = recorder().subscribe(2)) {
                assertThat(subscription.hasNext()).isTrue();
                assertThat(subscription.next()).isEqualTo(n(3, e3));
            }
        }

        @Test
        void subscribing_at_the_last_id_yields_only_what_is_recorded_later() {
            recorder().insertEvents(List.of(e1, e2));

            try (Subscription subscription = recorder().subscribe(recorder().maxNotificationId())) {
                recorder().insertEvents(List.of(e3));

                assertThat(subscription.next()).isEqualTo(n(3, e3));
            }
        }

        @Test
        void yields_only_the_given_topics() {
            recorder().insertEvents(List.of(e1, e2));
            recorder().insertEvents(List.of(e3));
            StoredEvent e4 = event(originator2, 2, TOPIC1);
            StoredEvent e5 = event(originator2, 3, TOPIC3);

            try (Subscription subscription = recorder().subscribe(0, Set.of(TOPIC3))) {
                assertThat(subscription.next()).isEqualTo(n(3, e3));

                recorder().insertEvents(List.of(e4));
                recorder().insertEvents(List.of(e5));

                assertThat(subscription.next()).isEqualTo(n(5, e5));
            }
        }

        @Test
        void close_from_another_thread_ends_a_blocked_has_next() throws Exception {
            Subscription subscription = recorder().subscribe(0);
            try {
                CompletableFuture<Boolean> hasNext = Follower.blockedHasNext(subscription);

                subscription.close();

                assertThat(hasNext.get(WAIT_SECONDS, TimeUnit.SECONDS)).as("hasNext() after close()").isFalse();
            } finally {
                subscription.close();
            }
        }

        @Test
        void closing_during_iteration_ends_it() {
            recorder().insertEvents(List.of(e1, e2));
            recorder().insertEvents(List.of(e3));

            Subscription subscription = recorder().subscribe(0);
            try {
                assertThat(subscription.next()).isEqualTo(n(1, e1));

                subscription.close();

                assertThat(subscription.hasNext()).isFalse();
            } finally {
                subscription.close();
            }
        }

        @Test
        void a_subscription_closed_before_iterating_yields_nothing() {
            recorder().insertEvents(List.of(e1, e2));

            Subscription subscription = recorder().subscribe(0);
            subscription.close();

            assertThat(subscription.hasNext()).isFalse();
            assertThatThrownBy(subscription::next).isInstanceOf(NoSuchElementException.class);
            subscription.close();
            assertThat(subscription.hasNext()).as("after a second close()").isFalse();
        }
    }

    private static List<Long> ids(List<Notification> notifications) {
        return notifications.stream().map(Notification::id).toList();
    }

    private static List<Long> range(long first, int count) {
        return LongStream.range(first, first + count).boxed().toList();
    }
}
