package io.eventsourcing.domain;

import java.io.Serial;

/** An event was applied to an aggregate with a different id. The aggregate is left unchanged. */
public final class OriginatorIdException extends EventSourcingException {
    @Serial private static final long serialVersionUID = 1L;

    /** @param message the expected and the found originator id */
    public OriginatorIdException(String message) {
        super(message);
    }
}
