package io.eventsourcing.persistence;

import io.eventsourcing.domain.EventSourcingException;
import java.io.Serial;

/**
 * The thread was interrupted while waiting (for a tracking position or a notification). The thread's
 * interrupt status is set again before this is thrown.
 */
public final class WaitInterruptedException extends EventSourcingException {
    @Serial private static final long serialVersionUID = 1L;

    /** @param message what was waited for */
    public WaitInterruptedException(String message) {
        super(message);
    }
}
