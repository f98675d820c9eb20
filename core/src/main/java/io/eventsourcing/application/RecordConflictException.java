package io.eventsourcing.application;

import io.eventsourcing.persistence.IntegrityException;
import java.io.Serial;

/**
 * A save conflicted with events another writer recorded first: an aggregate was changed concurrently
 * (optimistic concurrency), or a new aggregate's id is taken. Nothing of the save was recorded and the
 * aggregates keep their pending events; get the aggregate again and retry the command.
 */
public final class RecordConflictException extends IntegrityException {
    @Serial private static final long serialVersionUID = 1L;

    /**
     * @param message the conflicting event's originator id and version
     * @param cause the recorder's integrity failure
     */
    public RecordConflictException(String message, IntegrityException cause) {
        super(message, cause);
    }
}
