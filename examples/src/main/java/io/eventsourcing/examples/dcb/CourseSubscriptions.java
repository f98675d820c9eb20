package io.eventsourcing.examples.dcb;

import io.eventsourcing.dcb.DcbApplication;
import io.eventsourcing.dcb.Decision;
import io.eventsourcing.dcb.DecisionModel;
import io.eventsourcing.dcb.Tag;
import io.eventsourcing.dcb.Tags;
import java.util.Map;

/**
 * Course subscriptions (dcb.events, "course subscriptions"): a course takes at most its capacity of
 * students, and a student at most {@link #MAX_COURSES} courses. A subscription is one event in two
 * consistency boundaries, the course's and the student's, and the decision to record it reads both.
 * With aggregates, one of the two rules would need a saga or a lock.
 */
public class CourseSubscriptions extends DcbApplication {
    public static final int MAX_COURSES = 5;

    // tag::dcb-course-events[]
    public record CourseDefined(@Tag("course") String courseId, int capacity) {}
    public record CourseCapacityChanged(@Tag("course") String courseId, int capacity) {}
    public record StudentSubscribed(@Tag("student") String studentId, @Tag("course") String courseId) {}
    // end::dcb-course-events[]

    public CourseSubscriptions(Map<String, String> env) {
        super(env);
    }

    // tag::dcb-course-models[]
    record Course(boolean defined, int capacity, int students) {
        boolean full() { return students >= capacity; }
    }

    static DecisionModel<Course> course(String courseId) {
        String course = Tags.of("course", courseId);
        return DecisionModel.initially(new Course(false, 0, 0))
                .on(CourseDefined.class, course, (c, e) -> new Course(true, e.capacity(), 0))
                .on(CourseCapacityChanged.class, course, (c, e) -> new Course(true, e.capacity(), c.students()))
                .on(StudentSubscribed.class, course, (c, e) -> new Course(true, c.capacity(), c.students() + 1));
    }

    static DecisionModel<Integer> coursesOf(String studentId) {
        return DecisionModel.initially(0)
                .on(StudentSubscribed.class, Tags.of("student", studentId), (count, e) -> count + 1);
    }
    // end::dcb-course-models[]

    /**
     * Defines a course.
     *
     * @throws IllegalStateException if it is defined already
     */
    public long define(String courseId, int capacity) {
        DecisionModel<Course> course = course(courseId);
        Decision decision = decide(course);
        if (decision.state(course).defined()) {
            throw new IllegalStateException("course " + courseId + " is defined already");
        }
        return append(decision, new CourseDefined(courseId, capacity));
    }

    /**
     * Changes a course's capacity; the students it has stay.
     *
     * @throws IllegalStateException if it is not defined
     */
    public long changeCapacity(String courseId, int capacity) {
        return retry(() -> {
            DecisionModel<Course> course = course(courseId);
            Decision decision = decide(course);
            if (!decision.state(course).defined()) {
                throw new IllegalStateException("course " + courseId + " is not defined");
            }
            return append(decision, new CourseCapacityChanged(courseId, capacity));
        });
    }

    // tag::dcb-course-subscribe[]
    public long subscribe(String studentId, String courseId) {
        return retry(() -> {
            DecisionModel<Course> course = course(courseId);
            DecisionModel<Integer> courses = coursesOf(studentId);
            Decision decision = decide(course, courses);          // one read, two boundaries
            if (!decision.state(course).defined()) {
                throw new IllegalStateException("course " + courseId + " is not defined");
            }
            if (decision.state(course).full()) {
                throw new IllegalStateException("course " + courseId + " is full");
            }
            if (decision.state(courses) >= MAX_COURSES) {
                throw new IllegalStateException("student " + studentId + " takes " + MAX_COURSES + " courses");
            }
            return append(decision, new StudentSubscribed(studentId, courseId));
        });
    }
    // end::dcb-course-subscribe[]

    /** How many students a course has. */
    public int students(String courseId) {
        DecisionModel<Course> course = course(courseId);
        return decide(course).state(course).students();
    }
}
