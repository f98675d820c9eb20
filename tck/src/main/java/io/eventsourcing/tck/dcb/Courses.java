package io.eventsourcing.tck.dcb;

import io.eventsourcing.dcb.DcbApplication;
import io.eventsourcing.dcb.Decision;
import io.eventsourcing.dcb.DecisionModel;
import io.eventsourcing.tck.dcb.CourseEvents.CourseDefined;
import io.eventsourcing.tck.dcb.CourseEvents.StudentRegistered;
import io.eventsourcing.tck.dcb.CourseEvents.StudentSubscribed;
import java.util.Map;

/**
 * The course subscription example of dcb.events: a course takes at most its capacity of students, and
 * a student at most {@link #MAX_COURSES} courses. Subscribing decides on both boundaries at once.
 */
public class Courses extends DcbApplication {
    /** The most courses a student may take. */
    public static final int MAX_COURSES = 3;

    /** Configured by {@code env} over the process environment; runners construct it with this. */
    public Courses(Map<String, String> env) {
        super(env);
    }

    /**
     * Defines a course.
     *
     * @return the event's position
     * @throws IllegalStateException if the course is defined already
     */
    public long defineCourse(String courseId, int capacity) {
        DecisionModel<Boolean> exists = CourseModels.courseExists(courseId);
        Decision decision = decide(exists);
        if (decision.state(exists)) {
            throw new IllegalStateException("course " + courseId + " is defined already");
        }
        return append(decision, new CourseDefined(courseId, capacity));
    }

    /**
     * Registers a student.
     *
     * @return the event's position
     * @throws IllegalStateException if the student is registered already
     */
    public long registerStudent(String studentId, String name) {
        DecisionModel<Boolean> exists = CourseModels.studentExists(studentId);
        Decision decision = decide(exists);
        if (decision.state(exists)) {
            throw new IllegalStateException("student " + studentId + " is registered already");
        }
        return append(decision, new StudentRegistered(studentId, name));
    }

    /**
     * Subscribes a student to a course, deciding again if another subscription came first.
     *
     * @return the event's position
     * @throws IllegalStateException if the course is not defined or full, the student takes too many
     *     courses or takes this one already
     */
    public long subscribe(String studentId, String courseId) {
        return retry(() -> {
            DecisionModel<Boolean> exists = CourseModels.courseExists(courseId);
            DecisionModel<Integer> capacity = CourseModels.capacity(courseId);
            DecisionModel<Integer> subscriptions = CourseModels.subscriptions(courseId);
            DecisionModel<Integer> courses = CourseModels.studentCourses(studentId);
            DecisionModel<Boolean> taken = CourseModels.subscribed(studentId, courseId);
            Decision decision = decide(exists, capacity, subscriptions, courses, taken);
            if (!decision.state(exists)) {
                throw new IllegalStateException("course " + courseId + " is not defined");
            }
            if (decision.state(taken)) {
                throw new IllegalStateException("student " + studentId + " takes course " + courseId + " already");
            }
            if (decision.state(subscriptions) >= decision.state(capacity)) {
                throw new IllegalStateException("course " + courseId + " is full");
            }
            if (decision.state(courses) >= MAX_COURSES) {
                throw new IllegalStateException("student " + studentId + " takes " + MAX_COURSES + " courses already");
            }
            return append(decision, new StudentSubscribed(studentId, courseId));
        });
    }

    /** How many students a course has. */
    public int subscriptions(String courseId) {
        DecisionModel<Integer> subscriptions = CourseModels.subscriptions(courseId);
        return decide(subscriptions).state(subscriptions);
    }
}
