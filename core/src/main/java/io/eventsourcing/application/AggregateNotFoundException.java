package io.eventsourcing.application;

import io.eventsourcing.domain.EventSourcingException;
import java.io.Serial;
import java.util.UUID;

/** No aggregate with the id exists (at the version asked for), or it has been discarded. */
public final class AggregateNotFoundException extends EventSourcingException {
    @Serial private static final long serialVersionUID = 1L;

    private final UUID aggregateId;

    /**
     * @param aggregateId the id looked for
     * @param message why it was not found
     */
    public AggregateNotFoundException(UUID aggregateId, String message) {
        super(message);
        this.aggregateId = aggregateId;
    }

    /** The id that was looked for. */
    public UUID aggregateId() {
        return aggregateId;
    }
}
