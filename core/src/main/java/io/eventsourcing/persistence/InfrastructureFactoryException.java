package io.eventsourcing.persistence;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/** {@code PERSISTENCE_MODULE} (or {@code INFRASTRUCTURE_FACTORY}) does not name a usable backend. */
public final class InfrastructureFactoryException extends ConfigurationException {
    @Serial private static final long serialVersionUID = 1L;

    /** @param message the value found and the modules available */
    public InfrastructureFactoryException(String message) {
        super(message);
    }

    /**
     * @param message the value found and the modules available
     * @param cause why the factory could not be made
     */
    public InfrastructureFactoryException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
