package io.eventsourcing.persistence;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/** The database reported an error; the subclasses say which kind. */
public class DatabaseException extends PersistenceException {
    @Serial private static final long serialVersionUID = 1L;

    /** @param message the rule that was broken, with the table, originator and version involved */
    public DatabaseException(String message) {
        super(message);
    }

    /**
     * @param message the rule that was broken, with the table, originator and version involved
     * @param cause the driver's exception
     */
    public DatabaseException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
