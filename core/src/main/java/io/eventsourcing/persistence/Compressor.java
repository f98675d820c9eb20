package io.eventsourcing.persistence;

/**
 * Compresses encoded events before they are (optionally) encrypted and stored. Chosen with
 * {@code COMPRESSOR_TOPIC}: {@code zlib}, {@code gzip}, or the name of a class implementing this
 * interface with a public no-argument constructor. Implementations are thread-safe.
 *
 * <p>The mapper decompresses with a limit ({@code COMPRESSOR_MAX_SIZE}, see {@link CompressorSettings})
 * so that a small stored record cannot expand to fill the memory. The built-in compressors stop as soon
 * as the limit is passed; another compressor should override {@link #decompress(byte[], int)} to do
 * the same, or its default checks the size only once the whole output is made.
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

    /**
     * The original bytes, if there are at most {@code maxSize} of them.
     *
     * @throws DataException if there would be more, or the bytes were not compressed by this compressor
     *     or are damaged
     */
    default byte[] decompress(byte[] data, int maxSize) {
        byte[] decompressed = decompress(data);
        if (decompressed.length > maxSize) {
            throw tooLarge(maxSize);
        }
        return decompressed;
    }

    /** The failure of a record that decompresses to more than {@code maxSize} bytes. */
    static DataException tooLarge(int maxSize) {
        return new DataException("cannot decompress: the data expands to more than " + maxSize + " bytes, the "
                + "limit set by " + CompressorSettings.COMPRESSOR_MAX_SIZE);
    }
}
