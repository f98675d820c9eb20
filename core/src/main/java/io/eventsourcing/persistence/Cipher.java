package io.eventsourcing.persistence;

/**
 * Encrypts encoded (and compressed) events before they are stored. Chosen with {@code CIPHER_TOPIC}
 * ({@code aes}, the default when {@code CIPHER_KEY} is set, or the name of a class implementing this
 * interface with a public constructor taking an {@link Environment}). Implementations are thread-safe.
 */
public interface Cipher {
    /** The encrypted bytes. */
    byte[] encrypt(byte[] plaintext);

    /**
     * The original bytes.
     *
     * @throws DataException if the key is wrong or the bytes were changed, never garbage
     */
    byte[] decrypt(byte[] ciphertext);
}
