package io.eventsourcing.domain;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/**
 * The root of every exception this library throws. Unchecked: event-sourcing failures are either
 * programming errors or conditions a caller handles at a boundary, never on every call.
 */
public class EventSourcingException extends RuntimeException {
    @Serial private static final long serialVersionUID = 1L;

    /** @param message what rule was broken, with the ids involved */
    public EventSourcingException(String message) {
        super(message);
    }

    /**
     * @param message what rule was broken, with the ids involved
     * @param cause the underlying failure
     */
    public EventSourcingException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
