package io.eventsourcing.persistence;

import io.eventsourcing.domain.Upcaster;
import io.eventsourcing.domain.Upcasters;
import tools.jackson.databind.node.ObjectNode;

/** Payload and aggregate versions ({@code @EventVersion}) and the upcasting of stored JSON to them. Stateless. */
final class Upcasting {
    private static final ClassValue<Integer> CURRENT_VERSIONS = new ClassValue<>() {
        @Override
        protected Integer computeValue(Class<?> type) {
            return Upcasters.currentVersion(type);
        }
    };

    private Upcasting() {}

    /** The class's {@code @EventVersion}, read once per class. */
    static int currentVersion(Class<?> type) {
        return CURRENT_VERSIONS.get(type);
    }

    /**
     * The state stored at {@code storedVersion}, upcast step by step to the class's current version.
     *
     * @throws DataException if it is newer than the class, an upcaster is missing, fails or returns null
     */
    static ObjectNode upcast(Class<?> type, int storedVersion, ObjectNode state) {
        int current = currentVersion(type);
        checkNotNewer(type, storedVersion, current);
        ObjectNode node = state;
        for (int version = storedVersion; version < current; version++) {
            Upcaster upcaster = Upcasters.find(type, version);
            if (upcaster == null) {
                throw new DataException("it was stored at version " + version + " of " + type.getName()
                        + " and no upcaster is registered from version " + version
                        + ": call Upcasters.register(" + type.getSimpleName() + ".class, " + version + ", ...)");
            }
            ObjectNode upcast;
            try {
                upcast = upcaster.upcast(node);
            } catch (RuntimeException e) {
                throw new DataException("the upcaster of " + type.getName() + " from version " + version
                        + " failed on the stored JSON: " + e, e);
            }
            if (upcast == null) {
                throw new DataException("the upcaster of " + type.getName() + " from version " + version
                        + " returned null");
            }
            node = upcast;
        }
        return node;
    }

    /** @throws DataException if the stored version is above the class's current one */
    static void checkNotNewer(Class<?> type, int storedVersion, int current) {
        if (storedVersion > current) {
            throw new DataException("it was stored at version " + storedVersion + " of " + type.getName()
                    + ", newer than this code's @EventVersion(" + current + ")");
        }
    }
}
