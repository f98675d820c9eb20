package io.eventsourcing.persistence;

import io.eventsourcing.domain.EventSourcingException;
import java.io.Serial;
import org.jspecify.annotations.Nullable;

/**
 * A setting is missing or has a value that is not allowed. The message names the variable and the
 * allowed values. Thrown when an application or factory is constructed, never later.
 */
public class ConfigurationException extends EventSourcingException {
    @Serial private static final long serialVersionUID = 1L;

    /** @param message the variable, the value found and the values allowed */
    public ConfigurationException(String message) {
        super(message);
    }

    /**
     * @param message the variable, the value found and the values allowed
     * @param cause what went wrong while using the value
     */
    public ConfigurationException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
