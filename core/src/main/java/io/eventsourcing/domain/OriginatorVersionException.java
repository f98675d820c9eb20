package io.eventsourcing.domain;

import java.io.Serial;

/**
 * An event was applied to an aggregate out of version order (its version is not the aggregate's
 * version plus one). The aggregate is left unchanged.
 */
public final class OriginatorVersionException extends EventSourcingException {
    @Serial private static final long serialVersionUID = 1L;

    /** @param message the expected and the found version, with the aggregate id */
    public OriginatorVersionException(String message) {
        super(message);
    }
}
