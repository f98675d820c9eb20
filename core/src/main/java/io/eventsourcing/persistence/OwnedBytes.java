package io.eventsourcing.persistence;

import static java.util.Objects.requireNonNull;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/*
 * StoredEvent and Notification copy their bytes in and out, so that no one holding the array they were
 * made from, or one they handed out, can change them. Inside the library those copies are waste: a
 * row's bytes come fresh from the driver, a mapper's from the encoder, and the mapper only reads them.
 * A record's canonical constructor always runs, so the library cannot skip it; instead it hands the
 * array to the constructor through this thread's slot, and the constructor keeps exactly that array
 * instead of copying it. Anyone else's array (and anything constructed on another thread or after the
 * hand-over) is copied as before, so the records stay immutable to everyone outside the library.
 */

/** Makes stored events and notifications that keep arrays the library hands over, without a copy. */
final class OwnedBytes {
    /** This thread's array being handed over, if any. */
    private static final ThreadLocal<Slot> SLOT = ThreadLocal.withInitial(Slot::new);

    private OwnedBytes() {}

    private static final class Slot {
        private byte @Nullable [] handedOver;
    }

    /** The array itself if this thread is handing it over to the record being made, else a copy. */
    static byte[] adopt(byte[] bytes) {
        Slot slot = SLOT.get();
        if (slot.handedOver == bytes) {
            slot.handedOver = null;
            return bytes;
        }
        return bytes.clone();
    }

    /** A stored event that keeps {@code state}, which the caller must not change afterwards. */
    static StoredEvent storedEvent(UUID originatorId, long originatorVersion, String topic, byte[] state) {
        // Checked first, so that the constructor cannot fail before it takes the array from the slot.
        requireNonNull(originatorId, "originatorId");
        requireNonNull(topic, "topic");
        SLOT.get().handedOver = requireNonNull(state, "state");
        return new StoredEvent(originatorId, originatorVersion, topic, state);
    }

    /** A notification that keeps {@code state}, which the caller must not change afterwards. */
    static Notification notification(long id, UUID originatorId, long originatorVersion, String topic, byte[] state) {
        requireNonNull(originatorId, "originatorId");
        requireNonNull(topic, "topic");
        SLOT.get().handedOver = requireNonNull(state, "state");
        return new Notification(id, originatorId, originatorVersion, topic, state);
    }
}
