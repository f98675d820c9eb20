package io.eventsourcing.messaging;

import io.eventsourcing.domain.EventSourcingException;
import java.io.Serial;
import org.jspecify.annotations.Nullable;

/** Relaying through a broker failed: a message is not a relayed event, or a broker refused or lost one. */
public class RelayException extends EventSourcingException {
    @Serial private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the event and the broker's address or queue */
    public RelayException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause the broker client's or the follower's error
     */
    public RelayException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
