package io.eventsourcing.domain;

import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the stored JSON of an event payload (or of snapshot state) at one version into the next
 * version, before the record is built. Register one per step with {@link Upcasters#register}.
 * Must be stateless and thread-safe.
 */
@FunctionalInterface
public interface Upcaster {
    /**
     * @param state the stored fields at version n; may be changed in place
     * @return the fields at version n + 1 (usually {@code state} itself)
     */
    ObjectNode upcast(ObjectNode state);
}
