package io.eventsourcing.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/** Aggregate ids: random, or derived from a name so the same name always gives the same aggregate. */
public final class Ids {
    /** RFC 4122's URL namespace, as Python's {@code uuid.NAMESPACE_URL}. */
    public static final UUID NAMESPACE_URL = UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8");

    private Ids() {}

    /** A random (version 4) UUID. */
    public static UUID random() {
        return UUID.randomUUID();
    }

    /**
     * A name-based (version 5, SHA-1) UUID in the URL namespace: the same value as Python's
     * {@code uuid5(NAMESPACE_URL, name)}, so ids agree with pyeventsourcing applications.
     */
    public static UUID nameBased(String name) {
        return nameBased(NAMESPACE_URL, name);
    }

    /** A name-based (version 5, SHA-1) UUID in the given namespace, as Python's {@code uuid5}. */
    public static UUID nameBased(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-1", e);
        }
        ByteBuffer ns = ByteBuffer.allocate(16);
        ns.putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
        sha1.update(ns.array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong());
    }
}
