package io.eventsourcing.system;

import io.eventsourcing.domain.EventSourcingException;
import io.eventsourcing.persistence.Tracking;
import java.io.Serial;
import org.jspecify.annotations.Nullable;

/**
 * A follower failed to process an upstream event: its policy threw, or the event could not be read
 * or recorded. Nothing of that event's processing was recorded, so it will be processed again.
 */
public final class EventProcessingException extends EventSourcingException {
    @Serial private static final long serialVersionUID = 1L;

    private final String follower;
    private final transient Tracking tracking;

    /**
     * @param follower the process application's name
     * @param tracking the upstream application and notification id of the event
     * @param what a description of the event
     * @param cause what went wrong
     */
    public EventProcessingException(String follower, Tracking tracking, String what, @Nullable Throwable cause) {
        super(follower + " failed to process " + tracking.applicationName() + " notification "
                + tracking.notificationId() + " (" + what + "): " + (cause == null ? "" : cause), cause);
        this.follower = follower;
        this.tracking = tracking;
    }

    /** The follower's name. */
    public String follower() {
        return follower;
    }

    /** The upstream position of the event that failed. */
    public Tracking tracking() {
        return tracking;
    }
}
