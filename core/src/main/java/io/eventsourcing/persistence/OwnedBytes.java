package io.eventsourcing.persistence;

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
    private static final ThreadLocal<byte @Nullable []> HANDED_OVER = new ThreadLocal<>();

    private OwnedBytes() {}

    /** The array itself if this thread is handing it over to the record being made, else a copy. */
    static byte[] adopt(byte[] bytes) {
        return HANDED_OVER.get() == bytes ? bytes : bytes.clone();
    }

    /** A stored event that keeps {@code state}, which the caller must not change afterwards. */
    static StoredEvent storedEvent(UUID originatorId, long originatorVersion, String topic, byte[] state) {
        HANDED_OVER.set(state);
        try {
            return new StoredEvent(originatorId, originatorVersion, topic, state);
        } finally {
            HANDED_OVER.set(null);
        }
    }

    /** A notification that keeps {@code state}, which the caller must not change afterwards. */
    static Notification notification(long id, UUID originatorId, long originatorVersion, String topic, byte[] state) {
        HANDED_OVER.set(state);
        try {
            return new Notification(id, originatorId, originatorVersion, topic, state);
        } finally {
            HANDED_OVER.set(null);
        }
    }
}
