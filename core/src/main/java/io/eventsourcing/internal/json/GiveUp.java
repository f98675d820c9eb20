package io.eventsourcing.internal.json;

import java.io.Serial;

/**
 * Thrown inside the codec when a value or a piece of JSON is not one it handles exactly; caught at the
 * codec's entry points, whose callers then use Jackson. One instance without a stack trace, so giving
 * up costs no more than a jump.
 */
final class GiveUp extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    static final GiveUp INSTANCE = new GiveUp();

    private GiveUp() {
        super("not handled by the fast codec", null, false, false);
    }
}
