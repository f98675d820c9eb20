package io.eventsourcing.persistence;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/** The request was wrong: bad SQL, an invalid identifier, a table name too long. */
public class ProgrammingException extends DatabaseException {
    @Serial private static final long serialVersionUID = 1L;

    /** @param message the rule that was broken, with the table, originator and version involved */
    public ProgrammingException(String message) {
        super(message);
    }

    /**
     * @param message the rule that was broken, with the table, originator and version involved
     * @param cause the driver's exception
     */
    public ProgrammingException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
