package io.eventsourcing.tck.dcb;

import io.eventsourcing.dcb.Tag;

/** The events of {@link Courses}: each tagged with the course and the student it concerns. */
public final class CourseEvents {
    private CourseEvents() {}

    /**
     * A course was defined.
     *
     * @param courseId the course
     * @param capacity how many students it takes
     */
    public record CourseDefined(@Tag("course") String courseId, int capacity) {}

    /**
     * A course's capacity changed.
     *
     * @param courseId the course
     * @param capacity how many students it takes now
     */
    public record CourseCapacityChanged(@Tag("course") String courseId, int capacity) {}

    /**
     * A student registered.
     *
     * @param studentId the student
     * @param name the student's name
     */
    public record StudentRegistered(@Tag("student") String studentId, String name) {}

    /**
     * A student subscribed to a course: one event in two consistency boundaries.
     *
     * @param studentId the student
     * @param courseId the course
     */
    public record StudentSubscribed(@Tag("student") String studentId, @Tag("course") String courseId) {}
}
