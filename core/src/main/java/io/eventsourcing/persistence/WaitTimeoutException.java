package io.eventsourcing.persistence;

import io.eventsourcing.domain.EventSourcingException;
import java.io.Serial;

/** A wait for a tracking position (or a notification) ran out of time. */
public final class WaitTimeoutException extends EventSourcingException {
    @Serial private static final long serialVersionUID = 1L;

    /** @param message what was waited for and for how long */
    public WaitTimeoutException(String message) {
        super(message);
    }
}
