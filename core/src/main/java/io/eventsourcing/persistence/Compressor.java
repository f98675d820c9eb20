package io.eventsourcing.persistence;

/**
 * Compresses encoded events before they are (optionally) encrypted and stored. Chosen with
 * {@code COMPRESSOR_TOPIC}: {@code zlib}, {@code gzip}, or the name of a class implementing this
 * interface with a public no-argument constructor. Implementations are thread-safe.
 */
public interface Compressor {
    /** The compressed bytes. */
    byte[] compress(byte[] data);

    /**
     * The original bytes.
     *
     * @throws DataException if the bytes were not compressed by this compressor or are damaged
     */
    byte[] decompress(byte[] data);
}
