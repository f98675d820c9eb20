package io.eventsourcing.persistence;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/** The database could not do the operation now: a lost connection, a lock timeout, a missing table, a full disk. */
public class OperationalException extends DatabaseException {
    @Serial private static final long serialVersionUID = 1L;

    /** @param message the rule that was broken, with the table, originator and version involved */
    public OperationalException(String message) {
        super(message);
    }

    /**
     * @param message the rule that was broken, with the table, originator and version involved
     * @param cause the driver's exception
     */
    public OperationalException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
