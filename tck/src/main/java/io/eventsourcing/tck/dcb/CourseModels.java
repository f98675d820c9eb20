package io.eventsourcing.tck.dcb;

import io.eventsourcing.dcb.DecisionModel;
import io.eventsourcing.dcb.Tags;
import io.eventsourcing.tck.dcb.CourseEvents.CourseCapacityChanged;
import io.eventsourcing.tck.dcb.CourseEvents.CourseDefined;
import io.eventsourcing.tck.dcb.CourseEvents.StudentRegistered;
import io.eventsourcing.tck.dcb.CourseEvents.StudentSubscribed;
import java.util.List;

/** The decision models of {@link Courses}. */
public final class CourseModels {
    private CourseModels() {}

    /** A course's capacity; 0 while it is not defined. */
    public static DecisionModel<Integer> capacity(String courseId) {
        String course = Tags.of("course", courseId);
        return DecisionModel.initially(0)
                .on(CourseDefined.class, course, (capacity, defined) -> defined.capacity())
                .on(CourseCapacityChanged.class, course, (capacity, changed) -> changed.capacity());
    }

    /** Whether a course is defined. */
    public static DecisionModel<Boolean> courseExists(String courseId) {
        return DecisionModel.initially(false).on(CourseDefined.class, Tags.of("course", courseId), (exists, e) -> true);
    }

    /** How many students a course has. */
    public static DecisionModel<Integer> subscriptions(String courseId) {
        return DecisionModel.initially(0)
                .on(StudentSubscribed.class, Tags.of("course", courseId), (count, subscribed) -> count + 1);
    }

    /** How many courses a student takes. */
    public static DecisionModel<Integer> studentCourses(String studentId) {
        return DecisionModel.initially(0)
                .on(StudentSubscribed.class, Tags.of("student", studentId), (count, subscribed) -> count + 1);
    }

    /** Whether a student is registered. */
    public static DecisionModel<Boolean> studentExists(String studentId) {
        return DecisionModel.initially(false)
                .on(StudentRegistered.class, Tags.of("student", studentId), (exists, e) -> true);
    }

    /** Whether a student takes a course: the events with both tags. */
    public static DecisionModel<Boolean> subscribed(String studentId, String courseId) {
        return DecisionModel.initially(false).on(StudentSubscribed.class,
                List.of(Tags.of("student", studentId), Tags.of("course", courseId)), (taken, e) -> true);
    }
}
