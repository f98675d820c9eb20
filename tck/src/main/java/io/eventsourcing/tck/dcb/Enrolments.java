package io.eventsourcing.tck.dcb;

import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.system.ProcessApplication;
import io.eventsourcing.system.ProcessingEvent;
import io.eventsourcing.tck.dcb.CourseEvents.StudentSubscribed;
import java.util.Map;
import java.util.Set;

/** Follows {@link Courses} and makes an {@link Enrolment} for every subscription: a DCB application as a leader. */
public class Enrolments extends ProcessApplication {

    /** Configured by {@code env} over the process environment; runners construct it with this. */
    public Enrolments(Map<String, String> env) {
        super(env);
    }

    @Override
    protected Set<Class<?>> followedTypes() {
        return Set.of(StudentSubscribed.class);
    }

    @Override
    protected void policy(DomainEvent event, ProcessingEvent processing) {
        if (event.payload() instanceof StudentSubscribed subscribed) {
            processing.collect(Enrolment.enrol(subscribed.studentId(), subscribed.courseId(),
                    event.originatorVersion()));
        }
    }
}
