package io.eventsourcing.persistence;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/** The database interface itself failed: no connection could be made, or the driver is misused. */
public class InterfaceException extends PersistenceException {
    @Serial private static final long serialVersionUID = 1L;

    /** @param message the rule that was broken, with the table, originator and version involved */
    public InterfaceException(String message) {
        super(message);
    }

    /**
     * @param message the rule that was broken, with the table, originator and version involved
     * @param cause the driver's exception
     */
    public InterfaceException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
