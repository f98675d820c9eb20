package io.eventsourcing.persistence;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/** The database does not support what was asked. */
public class NotSupportedException extends DatabaseException {
    @Serial private static final long serialVersionUID = 1L;

    /** @param message the rule that was broken, with the table, originator and version involved */
    public NotSupportedException(String message) {
        super(message);
    }

    /**
     * @param message the rule that was broken, with the table, originator and version involved
     * @param cause the driver's exception
     */
    public NotSupportedException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
