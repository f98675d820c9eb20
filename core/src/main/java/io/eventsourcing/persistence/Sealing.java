package io.eventsourcing.persistence;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The optional compression and encryption around encoded JSON: compress then encrypt when writing,
 * decrypt then decompress when reading, each record's encryption bound to its row (see {@link Mapper}).
 * Immutable and thread-safe.
 *
 * <p>Reading starts from a stored event's own bytes, not a copy. The library's compressors and cipher
 * only read their input; any other implementation gets a copy, so that one which changes its input in
 * place cannot change a stored event.
 */
final class Sealing {
    private static final Set<Class<?>> READ_ONLY = Set.of(AesCipher.class, ZlibCompressor.class, GzipCompressor.class);

    private final @Nullable Compressor compressor;
    private final @Nullable Cipher cipher;
    private final int maxDecodedSize;

    /** @throws IllegalArgumentException if {@code maxDecodedSize} is not positive */
    Sealing(@Nullable Compressor compressor, @Nullable Cipher cipher, int maxDecodedSize) {
        if (maxDecodedSize <= 0) {
            throw new IllegalArgumentException("maxDecodedSize must be positive, not " + maxDecodedSize);
        }
        this.compressor = compressor;
        this.cipher = cipher;
        this.maxDecodedSize = maxDecodedSize;
    }

    @Nullable Compressor compressor() {
        return compressor;
    }

    @Nullable Cipher cipher() {
        return cipher;
    }

    int maxDecodedSize() {
        return maxDecodedSize;
    }

    /**
     * The stored bytes of a row's JSON.
     *
     * @throws DataException if the JSON is larger than a compressed record may decompress to
     */
    byte[] seal(byte[] json, UUID originatorId, long originatorVersion, String topic) {
        byte[] bytes = json;
        if (compressor != null) {
            if (json.length > maxDecodedSize) {
                throw new DataException("cannot store " + originatorId + ":" + originatorVersion + " (topic " + topic
                        + "): its JSON has " + json.length + " bytes, more than the " + maxDecodedSize + " that "
                        + CompressorSettings.COMPRESSOR_MAX_SIZE + " lets a record decompress to, so it could not be "
                        + "read back; raise " + CompressorSettings.COMPRESSOR_MAX_SIZE + " or make the event smaller");
            }
            bytes = compressor.compress(bytes);
        }
        if (cipher != null) {
            bytes = cipher.encrypt(bytes, associatedData(originatorId, originatorVersion, topic));
        }
        return bytes;
    }

    /** The JSON of a stored event, whose bytes this does not change. */
    byte[] unseal(StoredEvent stored) {
        byte[] own = StoredEvent.sharedState(stored);
        byte[] bytes = own;
        if (cipher != null) {
            bytes = cipher.decrypt(readable(cipher, bytes, own), associatedData(stored.originatorId(),
                    stored.originatorVersion(), stored.topic()));
        }
        if (compressor != null) {
            bytes = compressor.decompress(readable(compressor, bytes, own), maxDecodedSize);
        }
        return bytes;
    }

    private static byte[] readable(Object reader, byte[] bytes, byte[] own) {
        return bytes == own && !READ_ONLY.contains(reader.getClass()) ? bytes.clone() : bytes;
    }

    /** See {@link Mapper#associatedData}. */
    static byte[] associatedData(UUID originatorId, long originatorVersion, String topic) {
        byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 16 + 8 + topicBytes.length).put((byte) 1)
                .putLong(originatorId.getMostSignificantBits()).putLong(originatorId.getLeastSignificantBits())
                .putLong(originatorVersion).put(topicBytes).array();
    }
}
