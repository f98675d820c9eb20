package io.eventsourcing.domain;

import java.io.Serial;

/** A topic could not be resolved to a class, or was registered for two different classes. */
public final class TopicException extends EventSourcingException {
    @Serial private static final long serialVersionUID = 1L;

    /** @param message the topic and what to do about it */
    public TopicException(String message) {
        super(message);
    }
}
