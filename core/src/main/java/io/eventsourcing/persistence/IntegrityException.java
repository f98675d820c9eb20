package io.eventsourcing.persistence;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/** A constraint was violated: an event at a version already recorded, or a tracking position not above the recorded one. Nothing of the failed write is stored. */
public class IntegrityException extends DatabaseException {
    @Serial private static final long serialVersionUID = 1L;

    /** @param message the rule that was broken, with the table, originator and version involved */
    public IntegrityException(String message) {
        super(message);
    }

    /**
     * @param message the rule that was broken, with the table, originator and version involved
     * @param cause the driver's exception
     */
    public IntegrityException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
