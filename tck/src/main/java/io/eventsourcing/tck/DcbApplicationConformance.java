package io.eventsourcing.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.application.AggregateNotFoundException;
import io.eventsourcing.dcb.DcbAppendCondition;
import io.eventsourcing.dcb.DcbConditionException;
import io.eventsourcing.dcb.DcbEvent;
import io.eventsourcing.dcb.DcbQuery;
import io.eventsourcing.dcb.DcbSequencedEvent;
import io.eventsourcing.dcb.Decision;
import io.eventsourcing.dcb.DecisionModel;
import io.eventsourcing.dcb.Tag;
import io.eventsourcing.dcb.Tags;
import io.eventsourcing.domain.EventVersion;
import io.eventsourcing.domain.Topics;
import io.eventsourcing.domain.Upcasters;
import io.eventsourcing.persistence.AesCipher;
import io.eventsourcing.persistence.DataException;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.persistence.Recording;
import io.eventsourcing.system.EventSourcingSystem;
import io.eventsourcing.system.MultiThreadedRunner;
import io.eventsourcing.system.SingleThreadedRunner;
import io.eventsourcing.tck.dcb.CourseEvents.CourseDefined;
import io.eventsourcing.tck.dcb.CourseEvents.StudentSubscribed;
import io.eventsourcing.tck.dcb.CourseModels;
import io.eventsourcing.tck.dcb.Courses;
import io.eventsourcing.tck.dcb.Enrolment;
import io.eventsourcing.tck.dcb.Enrolments;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The DCB application layer on a backend, with the dcb.events course subscriptions ({@link Courses}):
 * typed events with tags from {@link Tag} and types from topics; decision models folded from one read
 * and composed into one decision across two consistency boundaries; the append condition derived from
 * them, refused when a matching event came in between and not otherwise; the retry helper, also
 * under racing threads; upcasting, topic aliases, compression and encryption of the data; and the
 * application followed as a leader by a process application in a system, its positions as notification
 * ids.
 *
 * <p>A backend runs it by giving the settings that select it (see {@link BackendConformance}). Each
 * test makes applications named {@code Courses} (and {@code Enrolments}) from these settings, expects
 * their stores to be empty, and closes them after it.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
public abstract class DcbApplicationConformance {
    private final List<AutoCloseable> opened = new ArrayList<>();

    static {
        Topics.register("tck.CourseCancelled", CourseCancelled.class);
    }

    /** For subclasses. */
    protected DcbApplicationConformance() {}

    /** The settings that select the backend, including {@code PERSISTENCE_MODULE}. */
    protected abstract Map<String, String> env();

    /**
     * A note on a course, now at version 2 with a priority; version 1 had none.
     *
     * @param courseId the course
     * @param note the note
     * @param priority 0 for notes written at version 1
     */
    @EventVersion(2)
    public record CourseNoted(@Tag("course") String courseId, String note, int priority) {
        static {
            Upcasters.register(CourseNoted.class, 1, state -> state.put("priority", 0));
        }
    }

    /**
     * A course was cancelled: stored under the topic {@code tck.CourseCancelled}, and before that was
     * registered, under its binary name.
     *
     * @param courseId the course
     */
    public record CourseCancelled(@Tag("course") String courseId) {}

    private Courses courses() {
        return courses(Map.of());
    }

    private Courses courses(Map<String, String> more) {
        Map<String, String> env = new HashMap<>(env());
        env.putAll(more);
        Courses courses = new Courses(env);
        opened.add(courses);
        return courses;
    }

    @AfterEach
    final void closeApplications() throws Exception {
        for (AutoCloseable application : opened.reversed()) {
            application.close();
        }
        opened.clear();
    }

    /** A version-1 event written as an older release would have, with the standard mapper and no cipher. */
    private static DcbEvent storedAtVersionOne(String type, String payloadJson, String... tags) {
        String json = "{\"timestamp\":\"2026-01-01T00:00:00Z\",\"payload\":" + payloadJson + "}";
        return DcbEvent.of(type, json.getBytes(StandardCharsets.UTF_8), tags);
    }

    @Test
    void appends_typed_events_with_their_topic_as_type_and_their_tag_components_as_tags() {
        Courses courses = courses();

        assertThat(courses.defineCourse("c1", 10)).isEqualTo(1);
        assertThat(courses.subscribe("s1", "c1")).isEqualTo(2);

        List<DcbSequencedEvent> stored = courses.recorder().read(DcbQuery.all());
        assertThat(stored).extracting(DcbSequencedEvent::type)
                .containsExactly(Topics.of(CourseDefined.class), Topics.of(StudentSubscribed.class));
        assertThat(stored.get(0).event().tags()).containsExactly("course:c1");
        assertThat(stored.get(1).event().tags()).containsExactly("student:s1", "course:c1");
        assertThat(courses.payload(stored.get(1))).isEqualTo(new StudentSubscribed("s1", "c1"));
    }

    @Test
    void a_decision_folds_each_of_its_models_from_the_events_it_reads() {
        Courses courses = courses();
        courses.defineCourse("c1", 10);
        courses.defineCourse("c2", 10);
        courses.subscribe("s1", "c1");
        courses.subscribe("s2", "c1");
        courses.subscribe("s1", "c2");
        DecisionModel<Integer> c1 = CourseModels.subscriptions("c1");
        DecisionModel<Integer> s1 = CourseModels.studentCourses("s1");
        DecisionModel<Integer> capacity = CourseModels.capacity("c2");

        Decision decision = courses.decide(c1, s1, capacity);

        assertThat(decision.state(c1)).isEqualTo(2);
        assertThat(decision.state(s1)).isEqualTo(2);
        assertThat(decision.state(capacity)).isEqualTo(10);
        assertThat(decision.position()).isEqualTo(5);
        assertThatThrownBy(() -> decision.state(CourseModels.subscriptions("c1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same DecisionModel instance");
    }

    @Test
    void refuses_an_append_when_an_event_a_model_would_have_read_came_in_between() {
        Courses courses = courses();
        courses.defineCourse("c1", 10);
        DecisionModel<Integer> subscriptions = CourseModels.subscriptions("c1");
        Decision decision = courses.decide(subscriptions);

        courses.subscribe("s2", "c1");

        assertThatThrownBy(() -> courses.append(decision, new StudentSubscribed("s1", "c1")))
                .isInstanceOf(DcbConditionException.class);
        assertThat(courses.subscriptions("c1")).isEqualTo(1);
        assertThat(courses.recorder().head()).as("no position used by the refused append").isEqualTo(2);
    }

    @Test
    void an_event_that_no_model_reads_does_not_refuse_the_append() {
        Courses courses = courses();
        courses.defineCourse("c1", 10);
        DecisionModel<Integer> subscriptions = CourseModels.subscriptions("c1");
        Decision decision = courses.decide(subscriptions);

        courses.defineCourse("c2", 10);
        courses.subscribe("s2", "c2");

        assertThat(courses.append(decision, new StudentSubscribed("s1", "c1"))).isEqualTo(4);
    }

    @Test
    void a_decision_whose_models_read_nothing_is_refused_only_by_events_they_would_read() {
        Courses courses = courses();
        courses.defineCourse("c1", 10);
        courses.subscribe("s1", "c1");
        DecisionModel<Boolean> student = CourseModels.studentExists("s9");
        DecisionModel<Integer> c1 = CourseModels.subscriptions("c1");

        Decision decision = courses.decide(student, c1);

        assertThat(decision.state(student)).isFalse();
        assertThat(decision.position()).as("the head when the decision read").isEqualTo(2);
        courses.defineCourse("c2", 10);
        assertThat(courses.appendUnconditionally(new CourseNoted("c1", "meanwhile", 1))).isEqualTo(4);
        assertThat(courses.append(decision, new CourseNoted("c1", "decided", 1))).isEqualTo(5);
        Decision again = courses.decide(student);
        courses.registerStudent("s9", "Nine");
        assertThatThrownBy(() -> courses.append(again, new CourseNoted("c1", "late", 1)))
                .isInstanceOf(DcbConditionException.class);
    }

    @Test
    void appends_on_a_condition_of_the_callers_own_without_reading() {
        Courses courses = courses();
        DcbAppendCondition noSuchCourse = DcbAppendCondition.failIfEventsMatch(DcbQuery.tags("course:c1"));

        assertThat(courses.append(noSuchCourse, new CourseDefined("c1", 10))).isEqualTo(1);
        assertThatThrownBy(() -> courses.append(noSuchCourse, new CourseDefined("c1", 20)))
                .isInstanceOf(DcbConditionException.class);
        assertThat(courses.recorder().head()).isEqualTo(1);
    }

    @Test
    void one_decision_keeps_the_rules_of_two_consistency_boundaries() {
        Courses courses = courses();
        courses.defineCourse("small", 1);
        for (String course : List.of("a", "b", "c", "d")) {
            courses.defineCourse(course, 10);
        }
        courses.subscribe("s1", "small");

        assertThatThrownBy(() -> courses.subscribe("s2", "small")).hasMessageContaining("course small is full");
        assertThatThrownBy(() -> courses.subscribe("s1", "small")).hasMessageContaining("takes course small already");
        courses.subscribe("s1", "a");
        courses.subscribe("s1", "b");
        assertThatThrownBy(() -> courses.subscribe("s1", "c")).hasMessageContaining("takes 3 courses already");
        assertThatThrownBy(() -> courses.subscribe("s1", "x")).hasMessageContaining("course x is not defined");
        assertThat(courses.subscriptions("a")).isEqualTo(1);
    }

    @Test
    void retry_runs_the_command_again_after_a_refusal() {
        Courses courses = courses();
        courses.defineCourse("c1", 10);
        AtomicInteger attempts = new AtomicInteger();

        long position = courses.retry(() -> {
            DecisionModel<Integer> subscriptions = CourseModels.subscriptions("c1");
            Decision decision = courses.decide(subscriptions);
            if (attempts.incrementAndGet() == 1) {
                courses.subscribe("s0", "c1"); // another command gets in first
            }
            return courses.append(decision, new StudentSubscribed("s" + (decision.state(subscriptions) + 1), "c1"));
        });

        assertThat(attempts).hasValue(2);
        assertThat(position).isEqualTo(3);
        assertThat(courses.payload(courses.recorder().read(DcbQuery.all()).getLast()))
                .isEqualTo(new StudentSubscribed("s2", "c1"));
        assertThatThrownBy(() -> courses.retry(0, () -> 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void racing_subscriptions_in_threads_never_overfill_a_course() throws Exception {
        Courses courses = courses();
        int capacity = 5;
        int students = 12;
        courses.defineCourse("popular", capacity);
        CyclicBarrier start = new CyclicBarrier(students);
        List<Future<String>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(students)) {
            for (int i = 0; i < students; i++) {
                String student = "s" + i;
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    try {
                        courses.retry(50, () -> courses.subscribe(student, "popular"));
                        return "subscribed";
                    } catch (IllegalStateException e) {
                        return e.getMessage();
                    }
                }));
            }
            List<String> outcomes = new ArrayList<>();
            for (Future<String> result : results) {
                outcomes.add(result.get());
            }
            assertThat(outcomes).filteredOn("subscribed"::equals).hasSize(capacity);
            assertThat(outcomes).filteredOn(outcome -> !outcome.equals("subscribed"))
                    .allMatch(outcome -> outcome.equals("course popular is full"));
        }
        assertThat(courses.subscriptions("popular")).isEqualTo(capacity);
        assertThat(courses.recorder().head()).isEqualTo(1 + capacity);
    }

    @Test
    void a_model_reads_events_stored_at_an_older_version_upcast() {
        Courses courses = courses();
        courses.recorder().append(List.of(storedAtVersionOne(Topics.of(CourseNoted.class),
                "{\"courseId\":\"c1\",\"note\":\"old\"}", "course:c1")));
        courses.appendUnconditionally(new CourseNoted("c1", "new", 3));
        DecisionModel<List<CourseNoted>> notes = DecisionModel.<List<CourseNoted>>initially(List.of())
                .on(CourseNoted.class, Tags.of("course", "c1"), (list, noted) -> append(list, noted));

        assertThat(courses.decide(notes).state(notes))
                .containsExactly(new CourseNoted("c1", "old", 0), new CourseNoted("c1", "new", 3));
    }

    @Test
    void a_model_reads_events_stored_under_every_topic_of_the_class() {
        Courses courses = courses();
        courses.recorder().append(List.of(storedAtVersionOne(CourseCancelled.class.getName(),
                "{\"courseId\":\"c1\"}", "course:c1")));

        courses.appendUnconditionally(new CourseCancelled("c2"));

        assertThat(courses.recorder().read(DcbQuery.all()).getLast().type()).isEqualTo("tck.CourseCancelled");
        DecisionModel<Integer> cancelled = DecisionModel.initially(0)
                .on(CourseCancelled.class, (count, e) -> count + 1);
        assertThat(courses.decide(cancelled).state(cancelled)).isEqualTo(2);
    }

    @Test
    void compresses_and_encrypts_the_data_and_a_wrong_key_cannot_read_it() {
        String key = AesCipher.createKey(32);
        Courses courses = courses(Map.of("COMPRESSOR_TOPIC", "zlib", "CIPHER_KEY", key));
        courses.defineCourse("secret-course", 10);

        DcbSequencedEvent stored = courses.recorder().read(DcbQuery.all()).getFirst();
        assertThat(new String(stored.event().data(), StandardCharsets.ISO_8859_1)).doesNotContain("secret-course");
        assertThat(stored.event().tags()).as("tags are not encrypted: queries read them")
                .containsExactly("course:secret-course");
        assertThat(courses.payload(stored)).isEqualTo(new CourseDefined("secret-course", 10));
        DecisionModel<Integer> capacity = CourseModels.capacity("secret-course");
        assertThat(courses.decide(capacity).state(capacity)).isEqualTo(10);

        Courses wrongKey = courses(Map.of("COMPRESSOR_TOPIC", "zlib", "CIPHER_KEY", AesCipher.createKey(32)));
        assertThatThrownBy(() -> wrongKey.payload(stored)).isInstanceOf(DataException.class);
    }

    @Test
    void lists_its_events_in_its_notification_log_by_position_and_announces_appends() {
        Courses courses = courses();
        List<Recording> announced = new CopyOnWriteArrayList<>();
        courses.addRecordingListener(announced::addAll);

        courses.defineCourse("c1", 10);
        courses.subscribe("s1", "c1");

        List<Notification> log = courses.notificationLog().select(1, 10);
        assertThat(log).extracting(Notification::id).containsExactly(1L, 2L);
        assertThat(log).extracting(Notification::topic)
                .containsExactly(Topics.of(CourseDefined.class), Topics.of(StudentSubscribed.class));
        assertThat(courses.mapper().toDomainEvent(log.get(1).toStoredEvent()).payload())
                .isEqualTo(new StudentSubscribed("s1", "c1"));
        assertThat(courses.notificationLog().select(1, 10, null, Set.of(Topics.of(StudentSubscribed.class))))
                .extracting(Notification::id).containsExactly(2L);
        assertThat(announced).extracting(Recording::notificationId).containsExactly(1L, 2L);
        assertThat(announced.get(1).domainEvent().payload()).isEqualTo(new StudentSubscribed("s1", "c1"));
        assertThat(courses.recorder().maxNotificationId()).isEqualTo(2);
    }

    @Test
    void has_no_aggregates() {
        Courses courses = courses();

        assertThatThrownBy(() -> courses.save()).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("DCB application");
        assertThatThrownBy(() -> courses.repository().get(courses.recorder().logId()))
                .isInstanceOf(AggregateNotFoundException.class);
    }

    /** The application as a leader in a system: its positions are its notification ids. */
    @Nested
    class Followed {

        @Test
        void by_a_process_application_in_a_single_threaded_system() {
            EventSourcingSystem system = EventSourcingSystem.of(List.of(Courses.class, Enrolments.class));
            try (SingleThreadedRunner runner = new SingleThreadedRunner(system, env())) {
                runner.start();
                Courses courses = runner.get(Courses.class);
                courses.defineCourse("c1", 10);
                long position = courses.subscribe("s1", "c1");

                Enrolment enrolment = runner.get(Enrolments.class).repository()
                        .get(Enrolment.class, Enrolment.createId("s1", "c1"));
                assertThat(enrolment.position()).isEqualTo(position);
                assertThat(runner.get(Enrolments.class).recorder().maxTrackingId("Courses")).isEqualTo(position);
            }
        }

        @Test
        @Timeout(value = 1, unit = TimeUnit.MINUTES)
        void by_a_process_application_in_a_multi_threaded_system() {
            EventSourcingSystem system = EventSourcingSystem.of(List.of(Courses.class, Enrolments.class));
            try (MultiThreadedRunner runner = new MultiThreadedRunner(system, env())) {
                runner.start();
                Courses courses = runner.get(Courses.class);
                courses.defineCourse("c1", 10);
                courses.subscribe("s1", "c1");
                long last = courses.subscribe("s2", "c1");

                runner.waitFor(Enrolments.class, Courses.class, last, Duration.ofSeconds(30));

                assertThat(runner.get(Enrolments.class).repository().contains(Enrolment.createId("s1", "c1"))).isTrue();
                assertThat(runner.get(Enrolments.class).repository()
                        .get(Enrolment.class, Enrolment.createId("s2", "c1")).position()).isEqualTo(last);
            }
        }
    }

    private static <T> List<T> append(List<T> list, T element) {
        List<T> longer = new ArrayList<>(list);
        longer.add(element);
        return List.copyOf(longer);
    }
}
