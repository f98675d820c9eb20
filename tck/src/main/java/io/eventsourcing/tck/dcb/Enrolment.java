package io.eventsourcing.tck.dcb;

import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.Ids;
import java.util.UUID;

/** An enrolment that {@link Enrolments} makes for each subscription it follows. */
public class Enrolment extends Aggregate<Enrolment.Event> {
    /** The enrolment's events. */
    public sealed interface Event permits Enrolled {}

    /**
     * A student was enrolled in a course.
     *
     * @param studentId the student
     * @param courseId the course
     * @param position the subscription's position in the courses' store
     */
    public record Enrolled(String studentId, String courseId, long position) implements Event {}

    private long position;

    /** The id of a student's enrolment in a course. */
    public static UUID createId(String studentId, String courseId) {
        return Ids.nameBased("/enrolments/" + studentId + "/" + courseId);
    }

    static Enrolment enrol(String studentId, String courseId, long position) {
        return create(Enrolment::new, createId(studentId, courseId), new Enrolled(studentId, courseId, position));
    }

    /** The position of the subscription in the courses' store. */
    public long position() {
        return position;
    }

    @Override
    protected void apply(Event event) {
        switch (event) {
            case Enrolled enrolled -> position = enrolled.position();
        }
    }
}
