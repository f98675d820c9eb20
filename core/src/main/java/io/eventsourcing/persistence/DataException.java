package io.eventsourcing.persistence;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/** A value could not be stored or read back: bad data, a wrong cipher key, a tampered or undecodable record. */
public class DataException extends DatabaseException {
    @Serial private static final long serialVersionUID = 1L;

    /** @param message the rule that was broken, with the table, originator and version involved */
    public DataException(String message) {
        super(message);
    }

    /**
     * @param message the rule that was broken, with the table, originator and version involved
     * @param cause the driver's exception
     */
    public DataException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
