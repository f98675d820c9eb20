package io.eventsourcing.system;

import io.eventsourcing.domain.EventSourcingException;
import java.io.Serial;

/** A runner was started a second time. */
public final class RunnerAlreadyStartedException extends EventSourcingException {
    @Serial private static final long serialVersionUID = 1L;

    /** @param message which runner */
    public RunnerAlreadyStartedException(String message) {
        super(message);
    }
}
