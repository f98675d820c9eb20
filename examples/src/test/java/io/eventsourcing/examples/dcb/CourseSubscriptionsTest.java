package io.eventsourcing.examples.dcb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CourseSubscriptionsTest {
    private final CourseSubscriptions school = new CourseSubscriptions(Map.of("PERSISTENCE_MODULE", "memory"));

    @AfterEach
    void close() {
        school.close();
    }

    @Test
    void a_course_takes_at_most_its_capacity() {
        school.define("maths", 2);
        school.subscribe("s1", "maths");
        school.subscribe("s2", "maths");

        assertThatThrownBy(() -> school.subscribe("s3", "maths")).hasMessage("course maths is full");
        school.changeCapacity("maths", 3);
        school.subscribe("s3", "maths");
        assertThat(school.students("maths")).isEqualTo(3);
    }

    @Test
    void a_student_takes_at_most_five_courses() {
        for (String course : List.of("a", "b", "c", "d", "e", "f")) {
            school.define(course, 10);
        }
        for (String course : List.of("a", "b", "c", "d", "e")) {
            school.subscribe("s1", course);
        }

        assertThatThrownBy(() -> school.subscribe("s1", "f")).hasMessage("student s1 takes 5 courses");
        school.subscribe("s2", "f");
    }

    @Test
    void refuses_an_undefined_course_and_a_second_definition() {
        assertThatThrownBy(() -> school.subscribe("s1", "art")).hasMessage("course art is not defined");
        school.define("art", 1);
        assertThatThrownBy(() -> school.define("art", 5)).hasMessage("course art is defined already");
    }

    @Test
    void students_racing_for_the_last_places_never_overfill_the_course_nor_overload_a_student() throws Exception {
        school.define("popular", 3);
        for (String course : List.of("a", "b", "c", "d")) {
            school.define(course, 100);
            school.subscribe("busy", course);
        }
        List<String> students = List.of("busy", "s1", "s2", "s3", "s4", "s5", "s6");
        CyclicBarrier start = new CyclicBarrier(students.size() + 1);
        List<Future<?>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(students.size() + 1)) {
            for (String student : students) {
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    try {
                        school.subscribe(student, "popular");
                    } catch (IllegalStateException full) {
                        // the course filled up first
                    }
                    return null;
                }));
            }
            // Meanwhile "busy" takes a fifth course elsewhere: of the two subscriptions, only one may stand.
            results.add(pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                try {
                    school.define("e", 100);
                    school.subscribe("busy", "e");
                } catch (IllegalStateException tooMany) {
                    // "popular" came first
                }
                return null;
            }));
            for (Future<?> result : results) {
                result.get();
            }
        }
        assertThat(school.students("popular")).isEqualTo(3);
        var busy = CourseSubscriptions.coursesOf("busy");
        assertThat(school.decide(busy).state(busy)).isLessThanOrEqualTo(CourseSubscriptions.MAX_COURSES);
    }
}
