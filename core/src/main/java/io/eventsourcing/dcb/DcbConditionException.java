package io.eventsourcing.dcb;

import io.eventsourcing.persistence.IntegrityException;
import java.io.Serial;

/**
 * An append was refused because its {@link DcbAppendCondition} failed: an event matching the
 * condition's query was recorded after the position the decision read up to. Nothing of the append
 * was stored and no position was used. Decide again on what is recorded now, and append again (see
 * {@link DcbApplication#retry}).
 */
public class DcbConditionException extends IntegrityException {
    @Serial private static final long serialVersionUID = 1L;

    /** @param message the store, the condition and the position of the first event that failed it */
    public DcbConditionException(String message) {
        super(message);
    }

    /**
     * The exception for a condition that failed on the event at {@code position}.
     *
     * @param store the store, for the message (e.g. {@code "dogschool_dcb_events"})
     */
    public static DcbConditionException failed(String store, DcbAppendCondition condition, long position) {
        return new DcbConditionException("append to " + store + " refused: the event at position " + position + " matches the condition's query "
                + condition.failIfEventsMatch().items() + (condition.after() == null ? ""
                        : " and was recorded after position " + condition.after())
                + "; nothing was appended");
    }
}
