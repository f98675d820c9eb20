package io.eventsourcing.tck;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.dcb.DcbAppendCondition;
import io.eventsourcing.dcb.DcbConditionException;
import io.eventsourcing.dcb.DcbEvent;
import io.eventsourcing.dcb.DcbQuery;
import io.eventsourcing.dcb.DcbQueryItem;
import io.eventsourcing.dcb.DcbRecorder;
import io.eventsourcing.dcb.DcbSequencedEvent;
import io.eventsourcing.dcb.DcbSubscription;
import io.eventsourcing.persistence.IntegrityException;
import io.eventsourcing.tck.internal.DcbCounter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
 * The contract of a {@link DcbRecorder} (<a href="https://dcb.events/specification">dcb.events</a>):
 * events get positions from 1, in order and without gaps; reads select by type, by tags (all of an
 * item's tags), by either of several items, after a position and up to a limit; an append whose
 * condition fails stores nothing and uses no position; and the condition check and the append are one
 * step, so racing deciders in many threads never both append on the same decision. The same races
 * across processes are {@link DcbRecorderProcessConformance}. Written after pyeventsourcing's
 * {@code DCBRecorderTestCase} and its concurrent-append cases.
 *
 * <p>A backend runs it by extending it and making a new, empty recorder for each test:
 *
 * <pre>{@code
 * class InMemoryDcbRecorderTest extends DcbRecorderConformance {
 *     @Override protected DcbRecorder createRecorder() { return new InMemoryDcbRecorder(); }
 * }
 * }</pre>
 *
 * "Empty" includes the positions: the first event appended gets position 1. The recorder is closed
 * after each test; a backend whose store outlives it (a database) empties the store itself.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
public abstract class DcbRecorderConformance {
    private static final long WAIT_SECONDS = 10;
    static final String COURSE_DEFINED = "CourseDefined";
    static final String STUDENT_REGISTERED = "StudentRegistered";
    static final String SUBSCRIBED = "StudentSubscribedToCourse";

    private @Nullable DcbRecorder recorder;

    /** For subclasses. */
    protected DcbRecorderConformance() {}

    /** A new recorder with nothing recorded in it, whose next position is 1; called before each test. */
    protected abstract DcbRecorder createRecorder();

    /** The recorder under test. */
    protected final DcbRecorder recorder() {
        return requireNonNull(recorder, "recorder: createRecorder() has not been called yet");
    }

    @BeforeEach
    final void setUpRecorder() {
        recorder = createRecorder();
    }

    @AfterEach
    final void closeRecorder() {
        DcbRecorder created = recorder;
        recorder = null;
        if (created != null) {
            created.close();
        }
    }

    /** An event whose data names its type and tags, so mix-ups show. */
    static DcbEvent event(String type, String... tags) {
        return DcbEvent.of(type, (type + List.of(tags)).getBytes(StandardCharsets.UTF_8), tags);
    }

    @Test
    void an_empty_store_has_head_zero_and_reads_nothing() {
        assertThat(recorder().head()).isZero();
        assertThat(recorder().read(DcbQuery.all())).isEmpty();
        assertThat(recorder().read(DcbQuery.types(COURSE_DEFINED))).isEmpty();
        assertThat(recorder().read(DcbQuery.tags("course:c1"))).isEmpty();
    }

    @Test
    void gives_appended_events_positions_from_one_in_order() {
        DcbEvent a = event(COURSE_DEFINED, "course:c1");
        DcbEvent b = event(COURSE_DEFINED, "course:c2");
        DcbEvent c = event(STUDENT_REGISTERED, "student:s1");

        assertThat(recorder().append(List.of(a, b))).isEqualTo(2);
        assertThat(recorder().head()).isEqualTo(2);
        assertThat(recorder().append(List.of(c))).isEqualTo(3);
        assertThat(recorder().head()).isEqualTo(3);

        assertThat(recorder().read(DcbQuery.all())).containsExactly(new DcbSequencedEvent(1, a),
                new DcbSequencedEvent(2, b), new DcbSequencedEvent(3, c));
    }

    @Test
    void keeps_type_data_and_tags_exactly() {
        byte[] bytes = StoredEvents.everyByteValue();
        DcbEvent event = new DcbEvent("com.example.Unusual$Event", bytes,
                List.of("zeta:1", "alpha:2", "naïve:ü", "quote:'\"", "comma:a,b", "brace:{x}"));
        recorder().append(List.of(event));

        DcbSequencedEvent read = recorder().read(DcbQuery.all()).getFirst();

        assertThat(read.position()).isEqualTo(1);
        assertThat(read.event().type()).isEqualTo("com.example.Unusual$Event");
        assertThat(read.event().data()).isEqualTo(bytes);
        assertThat(read.event().tags()).as("tags in the order given")
                .containsExactly("zeta:1", "alpha:2", "naïve:ü", "quote:'\"", "comma:a,b", "brace:{x}");
        assertThat(recorder().read(DcbQuery.tags("quote:'\"", "comma:a,b"))).containsExactly(read);
    }

    @Test
    void an_event_without_tags_is_read_by_type() {
        DcbEvent untagged = event("Tick");
        recorder().append(List.of(untagged));

        assertThat(recorder().read(DcbQuery.types("Tick"))).containsExactly(new DcbSequencedEvent(1, untagged));
        assertThat(recorder().read(DcbQuery.tags("anything"))).isEmpty();
    }

    @Test
    void rejects_an_empty_append_and_negative_after_or_limit() {
        assertThatThrownBy(() -> recorder().append(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> recorder().read(DcbQuery.all(), -1L, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> recorder().read(DcbQuery.all(), null, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(recorder().head()).isZero();
    }

    /**
     * Reads from the course-and-students store: 1 course c1 defined, 2 course c2 defined, 3 student s1
     * registered, 4 s1 subscribed to c1, 5 s1 subscribed to c2, 6 student s2 registered, 7 s2
     * subscribed to c1.
     */
    @Nested
    class Reading {
        private final List<DcbEvent> events = List.of(
                event(COURSE_DEFINED, "course:c1"),
                event(COURSE_DEFINED, "course:c2"),
                event(STUDENT_REGISTERED, "student:s1"),
                event(SUBSCRIBED, "student:s1", "course:c1"),
                event(SUBSCRIBED, "student:s1", "course:c2"),
                event(STUDENT_REGISTERED, "student:s2"),
                event(SUBSCRIBED, "student:s2", "course:c1"));

        @BeforeEach
        void recordTheCourses() {
            recorder().append(events.subList(0, 3));
            recorder().append(events.subList(3, 5));
            recorder().append(events.subList(5, 7));
        }

        private List<Long> positions(DcbQuery query) {
            return recorder().read(query).stream().map(DcbSequencedEvent::position).toList();
        }

        private List<Long> positions(DcbQuery query, @Nullable Long after, @Nullable Integer limit) {
            return recorder().read(query, after, limit).stream().map(DcbSequencedEvent::position).toList();
        }

        @Test
        void reads_every_event_with_its_position() {
            List<DcbSequencedEvent> all = recorder().read(DcbQuery.all());

            assertThat(all).hasSize(7);
            for (int i = 0; i < 7; i++) {
                assertThat(all.get(i)).isEqualTo(new DcbSequencedEvent(i + 1, events.get(i)));
            }
        }

        @Test
        void reads_by_type() {
            assertThat(positions(DcbQuery.types(COURSE_DEFINED))).containsExactly(1L, 2L);
            assertThat(positions(DcbQuery.types(SUBSCRIBED))).containsExactly(4L, 5L, 7L);
            assertThat(positions(DcbQuery.types(COURSE_DEFINED, STUDENT_REGISTERED)))
                    .containsExactly(1L, 2L, 3L, 6L);
            assertThat(positions(DcbQuery.types("NoSuchType"))).isEmpty();
        }

        @Test
        void reads_by_tag() {
            assertThat(positions(DcbQuery.tags("course:c1"))).containsExactly(1L, 4L, 7L);
            assertThat(positions(DcbQuery.tags("student:s1"))).containsExactly(3L, 4L, 5L);
            assertThat(positions(DcbQuery.tags("no-such-tag"))).isEmpty();
        }

        @Test
        void reads_events_that_have_all_of_an_items_tags() {
            assertThat(positions(DcbQuery.tags("student:s1", "course:c1"))).containsExactly(4L);
            assertThat(positions(DcbQuery.tags("student:s2", "course:c1"))).containsExactly(7L);
            assertThat(positions(DcbQuery.tags("student:s2", "course:c2"))).isEmpty();
            assertThat(positions(DcbQuery.tags("course:c1", "no-such-tag"))).isEmpty();
        }

        @Test
        void reads_events_of_one_of_an_items_types_with_all_its_tags() {
            assertThat(positions(DcbQuery.of(DcbQueryItem.of(Set.of(SUBSCRIBED), Set.of("course:c1")))))
                    .containsExactly(4L, 7L);
            assertThat(positions(DcbQuery.of(
                    DcbQueryItem.of(Set.of(COURSE_DEFINED, SUBSCRIBED), Set.of("course:c2")))))
                    .containsExactly(2L, 5L);
            assertThat(positions(DcbQuery.of(DcbQueryItem.of(Set.of(STUDENT_REGISTERED), Set.of("course:c1")))))
                    .isEmpty();
        }

        @Test
        void reads_events_that_match_either_item() {
            DcbQuery courseOrStudent = DcbQuery.of(
                    DcbQueryItem.of(Set.of(COURSE_DEFINED, SUBSCRIBED), Set.of("course:c2")),
                    DcbQueryItem.of(Set.of(STUDENT_REGISTERED, SUBSCRIBED), Set.of("student:s2")));
            assertThat(positions(courseOrStudent)).containsExactly(2L, 5L, 6L, 7L);

            DcbQuery typeOrTag = DcbQuery.of(DcbQueryItem.types(STUDENT_REGISTERED), DcbQueryItem.tags("course:c1"));
            assertThat(positions(typeOrTag)).as("an event matching both items is read once")
                    .containsExactly(1L, 3L, 4L, 6L, 7L);
        }

        @Test
        void an_item_without_types_and_tags_matches_every_event() {
            DcbQuery query = DcbQuery.of(DcbQueryItem.tags("course:c2"), new DcbQueryItem(Set.of(), Set.of()));

            assertThat(positions(query)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        }

        @Test
        void reads_after_a_position_exclusively() {
            assertThat(positions(DcbQuery.all(), 0L, null)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
            assertThat(positions(DcbQuery.all(), 4L, null)).containsExactly(5L, 6L, 7L);
            assertThat(positions(DcbQuery.tags("course:c1"), 1L, null)).containsExactly(4L, 7L);
            assertThat(positions(DcbQuery.tags("course:c1"), 4L, null)).containsExactly(7L);
            assertThat(positions(DcbQuery.types(SUBSCRIBED), 7L, null)).isEmpty();
            assertThat(positions(DcbQuery.all(), 100L, null)).isEmpty();
        }

        @Test
        void reads_at_most_limit_events() {
            assertThat(positions(DcbQuery.all(), null, 3)).containsExactly(1L, 2L, 3L);
            assertThat(positions(DcbQuery.all(), null, 0)).isEmpty();
            assertThat(positions(DcbQuery.tags("course:c1"), null, 2)).containsExactly(1L, 4L);
            assertThat(positions(DcbQuery.tags("course:c1"), 1L, 1)).containsExactly(4L);
            assertThat(positions(DcbQuery.types(STUDENT_REGISTERED, COURSE_DEFINED), 1L, 2))
                    .containsExactly(2L, 3L);
            DcbQuery either = DcbQuery.of(DcbQueryItem.tags("student:s2"), DcbQueryItem.tags("course:c2"));
            assertThat(positions(either, null, 2)).containsExactly(2L, 5L);
            assertThat(positions(either, 2L, 2)).containsExactly(5L, 6L);
        }
    }

    /** Appends with conditions, on the course-and-students store. */
    @Nested
    class Conditions {
        private final DcbQuery c1 = DcbQuery.tags("course:c1");

        @BeforeEach
        void defineTwoCourses() {
            recorder().append(List.of(event(COURSE_DEFINED, "course:c1"), event(COURSE_DEFINED, "course:c2")));
        }

        @Test
        void appends_when_no_event_matches() {
            DcbAppendCondition noStudent = DcbAppendCondition.failIfEventsMatch(DcbQuery.tags("student:s1"));

            assertThat(recorder().append(List.of(event(STUDENT_REGISTERED, "student:s1")), noStudent))
                    .isEqualTo(3);
        }

        @Test
        void refuses_when_a_matching_event_exists_and_no_position_is_given() {
            DcbAppendCondition noCourse = DcbAppendCondition.failIfEventsMatch(c1);

            assertThatThrownBy(() -> recorder().append(List.of(event(COURSE_DEFINED, "course:c1")), noCourse))
                    .isInstanceOf(DcbConditionException.class)
                    .isInstanceOf(IntegrityException.class)
                    .hasMessageContaining("position 1");
        }

        @Test
        void refuses_only_when_a_matching_event_was_recorded_after_the_position() {
            DcbEvent subscribed = event(SUBSCRIBED, "student:s1", "course:c1");

            assertThat(recorder().append(List.of(subscribed), new DcbAppendCondition(c1, 1L))).isEqualTo(3);
            assertThatThrownBy(() -> recorder().append(List.of(subscribed), new DcbAppendCondition(c1, 2L)))
                    .isInstanceOf(DcbConditionException.class)
                    .hasMessageContaining("position 3");
            assertThat(recorder().append(List.of(subscribed), new DcbAppendCondition(c1, 3L))).isEqualTo(4);
        }

        @Test
        void events_that_do_not_match_never_refuse() {
            recorder().append(List.of(event(SUBSCRIBED, "student:s9", "course:c2")));
            DcbAppendCondition sinceDefined = new DcbAppendCondition(c1, 1L);

            assertThat(recorder().append(List.of(event(SUBSCRIBED, "student:s1", "course:c1")), sinceDefined))
                    .isEqualTo(4);
        }

        @Test
        void refuses_on_either_item_of_the_condition() {
            DcbQuery either = DcbQuery.of(DcbQueryItem.of(Set.of(STUDENT_REGISTERED), Set.of("student:s1")),
                    DcbQueryItem.of(Set.of(SUBSCRIBED), Set.of("course:c2")));
            recorder().append(List.of(event(SUBSCRIBED, "student:s2", "course:c2")));

            assertThatThrownBy(() -> recorder().append(List.of(event(STUDENT_REGISTERED, "student:s1")),
                    new DcbAppendCondition(either, 2L))).isInstanceOf(DcbConditionException.class);
            assertThat(recorder().append(List.of(event(STUDENT_REGISTERED, "student:s1")),
                    new DcbAppendCondition(either, 3L))).isEqualTo(4);
            assertThatThrownBy(() -> recorder().append(List.of(event(STUDENT_REGISTERED, "student:s3")),
                    new DcbAppendCondition(either, 3L))).isInstanceOf(DcbConditionException.class);
        }

        @Test
        void a_condition_on_types_alone_refuses_on_any_event_of_those_types() {
            DcbAppendCondition noNewCourse = new DcbAppendCondition(DcbQuery.types(COURSE_DEFINED), 2L);
            assertThat(recorder().append(List.of(event(STUDENT_REGISTERED, "student:s1")), noNewCourse))
                    .isEqualTo(3);

            recorder().append(List.of(event(COURSE_DEFINED, "course:c3")));

            assertThatThrownBy(() -> recorder().append(List.of(event(STUDENT_REGISTERED, "student:s2")),
                    noNewCourse)).isInstanceOf(DcbConditionException.class);
        }

        @Test
        void a_condition_on_every_event_refuses_after_any_append() {
            DcbAppendCondition nothingNew = new DcbAppendCondition(DcbQuery.all(), 2L);
            assertThat(recorder().append(List.of(event("Tick")), nothingNew)).isEqualTo(3);

            assertThatThrownBy(() -> recorder().append(List.of(event("Tick")), nothingNew))
                    .isInstanceOf(DcbConditionException.class);
            assertThat(recorder().append(List.of(event("Tick")), new DcbAppendCondition(DcbQuery.all(), 3L)))
                    .isEqualTo(4);
        }

        @Test
        void a_refused_append_stores_nothing_and_leaves_no_gap() {
            DcbAppendCondition noCourse = DcbAppendCondition.failIfEventsMatch(c1);
            List<DcbEvent> three = List.of(event(STUDENT_REGISTERED, "student:s1"),
                    event(STUDENT_REGISTERED, "student:s2"), event(SUBSCRIBED, "student:s1", "course:c1"));

            assertThatThrownBy(() -> recorder().append(three, noCourse)).isInstanceOf(DcbConditionException.class);

            assertThat(recorder().head()).isEqualTo(2);
            assertThat(recorder().read(DcbQuery.types(STUDENT_REGISTERED, SUBSCRIBED))).isEmpty();
            assertThat(recorder().append(three)).as("the next append takes the next positions").isEqualTo(5);
            assertThat(recorder().read(DcbQuery.all()).stream().map(DcbSequencedEvent::position))
                    .containsExactly(1L, 2L, 3L, 4L, 5L);
        }

        @Test
        void the_condition_does_not_see_the_events_being_appended() {
            DcbAppendCondition noStudent = DcbAppendCondition.failIfEventsMatch(DcbQuery.tags("student:s1"));

            assertThat(recorder().append(List.of(event(STUDENT_REGISTERED, "student:s1"),
                    event(SUBSCRIBED, "student:s1", "course:c1")), noStudent)).isEqualTo(4);
        }
    }

    /** Many deciders at once: the check and the append are one step, positions stay contiguous. */
    @Nested
    class Racing {

        @Test
        @Timeout(value = 5, unit = TimeUnit.MINUTES)
        void racing_deciders_in_threads_never_append_on_the_same_decision() throws Exception {
            int deciders = 8;
            int appendsEach = 10;
            String tag = "counter:" + UUID.randomUUID();
            AtomicBoolean deciding = new AtomicBoolean(true);
            AtomicInteger refused = new AtomicInteger();
            CyclicBarrier start = new CyclicBarrier(deciders + 1);
            List<Future<?>> results = new ArrayList<>();
            int noise;
            try (ExecutorService pool = Executors.newFixedThreadPool(deciders + 1)) {
                for (int i = 0; i < deciders; i++) {
                    results.add(pool.submit(() -> {
                        start.await(WAIT_SECONDS, TimeUnit.SECONDS);
                        refused.addAndGet(DcbCounter.appendNext(recorder(), tag, appendsEach));
                        return null;
                    }));
                }
                // Unconditional appends with other tags go on meanwhile; they never refuse a decider.
                Future<Integer> others = pool.submit(() -> {
                    start.await(WAIT_SECONDS, TimeUnit.SECONDS);
                    int appended = 0;
                    while (deciding.get()) {
                        recorder().append(List.of(event("Noise", "noise:" + appended)));
                        appended++;
                        // A pause, so that on a database without a fair writer lock (SQLite under a
                        // plain pool) this writer does not starve the deciders of the lock.
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
                    }
                    return appended;
                });
                try {
                    for (Future<?> result : results) {
                        result.get();
                    }
                } finally {
                    deciding.set(false);
                }
                noise = others.get();
            }

            List<DcbSequencedEvent> counted = recorder().read(DcbQuery.tags(tag));
            assertThat(counted.stream().map(DcbCounter::number).toList()).as("the numbers appended, in order")
                    .isEqualTo(LongStream.rangeClosed(1, (long) deciders * appendsEach).boxed().toList());
            long total = (long) deciders * appendsEach + noise;
            assertThat(recorder().head()).isEqualTo(total);
            assertThat(recorder().read(DcbQuery.all()).stream().map(DcbSequencedEvent::position).toList())
                    .as("positions without gaps, although %d appends were refused", refused.get())
                    .isEqualTo(LongStream.rangeClosed(1, total).boxed().toList());
        }

        @Test
        @Timeout(value = 5, unit = TimeUnit.MINUTES)
        void racing_appends_get_position_ranges_that_do_not_interleave() throws Exception {
            int writers = 4;
            int batches = 10;
            int batchSize = 50;
            List<Future<List<List<Long>>>> results = new ArrayList<>();
            CyclicBarrier start = new CyclicBarrier(writers);
            try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
                for (int w = 0; w < writers; w++) {
                    String writer = "writer:" + w;
                    results.add(pool.submit(() -> {
                        start.await(WAIT_SECONDS, TimeUnit.SECONDS);
                        List<List<Long>> ranges = new ArrayList<>();
                        for (int b = 0; b < batches; b++) {
                            List<DcbEvent> batch = new ArrayList<>();
                            for (int i = 0; i < batchSize; i++) {
                                batch.add(event("Batch", writer, "batch:" + writer + "/" + b));
                            }
                            long last = recorder().append(batch);
                            List<Long> read = recorder().read(DcbQuery.tags("batch:" + writer + "/" + b)).stream()
                                    .map(DcbSequencedEvent::position).toList();
                            ranges.add(read);
                            assertThat(read.getLast()).isEqualTo(last);
                        }
                        return ranges;
                    }));
                }
                for (Future<List<List<Long>>> result : results) {
                    for (List<Long> range : result.get()) {
                        assertThat(range).as("one batch's positions are contiguous")
                                .isEqualTo(LongStream.rangeClosed(range.getFirst(), range.getFirst() + batchSize - 1)
                                        .boxed().toList());
                    }
                }
            }
            assertThat(recorder().head()).isEqualTo((long) writers * batches * batchSize);
        }
    }

    /** Subscriptions: recorded matching events first, then live ones, until closed. */
    @Nested
    @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
    class Subscribing {

        @Test
        void yields_the_recorded_matching_events_then_new_ones() throws Exception {
            DcbEvent c1 = event(COURSE_DEFINED, "course:c1");
            DcbEvent s1 = event(STUDENT_REGISTERED, "student:s1");
            DcbEvent sub = event(SUBSCRIBED, "student:s1", "course:c1");
            recorder().append(List.of(c1, s1));

            DcbSubscription subscription = recorder().subscribe(DcbQuery.tags("course:c1"), 0);
            try {
                Follower<DcbSequencedEvent> follower = new Follower<>(subscription);

                assertThat(follower.next()).isEqualTo(new DcbSequencedEvent(1, c1));
                recorder().append(List.of(event(STUDENT_REGISTERED, "student:s2")));
                recorder().append(List.of(sub));
                assertThat(follower.next()).isEqualTo(new DcbSequencedEvent(4, sub));

                subscription.close();
                follower.assertEndedWithoutError();
            } finally {
                subscription.close();
            }
        }

        @Test
        void starts_after_the_position_given() {
            recorder().append(List.of(event("Tick"), event("Tick"), event("Tock")));

            try (DcbSubscription subscription = recorder().subscribe(DcbQuery.all(), 2)) {
                assertThat(subscription.hasNext()).isTrue();
                assertThat(subscription.next().position()).isEqualTo(3);
            }
        }

        @Test
        void subscribing_at_the_head_yields_only_what_is_appended_later() {
            recorder().append(List.of(event("Tick")));

            try (DcbSubscription subscription = recorder().subscribe(DcbQuery.types("Tick"), recorder().head())) {
                recorder().append(List.of(event("Tick")));

                assertThat(subscription.next().position()).isEqualTo(2);
            }
        }

        @Test
        void close_from_another_thread_ends_a_blocked_has_next() throws Exception {
            DcbSubscription subscription = recorder().subscribe(DcbQuery.all(), 0);
            try {
                CompletableFuture<Boolean> hasNext = Follower.blockedHasNext(subscription);

                subscription.close();

                assertThat(hasNext.get(WAIT_SECONDS, TimeUnit.SECONDS)).as("hasNext() after close()").isFalse();
            } finally {
                subscription.close();
            }
        }

        @Test
        void a_closed_subscription_yields_nothing() {
            recorder().append(List.of(event("Tick")));
            DcbSubscription subscription = recorder().subscribe(DcbQuery.all(), 0);

            subscription.close();

            assertThat(subscription.hasNext()).isFalse();
            assertThatThrownBy(subscription::next).isInstanceOf(NoSuchElementException.class);
        }
    }
}
