package io.eventsourcing.persistence;

import io.eventsourcing.domain.EventSourcingException;
import java.io.Serial;
import org.jspecify.annotations.Nullable;

/** The root of storage failures, mirroring the DB-API (PEP 249) error classes that pyeventsourcing uses. */
public class PersistenceException extends EventSourcingException {
    @Serial private static final long serialVersionUID = 1L;

    /** @param message the rule that was broken, with the table, originator and version involved */
    public PersistenceException(String message) {
        super(message);
    }

    /**
     * @param message the rule that was broken, with the table, originator and version involved
     * @param cause the driver's exception
     */
    public PersistenceException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
