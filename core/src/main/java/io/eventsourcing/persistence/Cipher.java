package io.eventsourcing.persistence;

/**
 * Encrypts encoded (and compressed) events before they are stored. Chosen with {@code CIPHER_TOPIC}
 * ({@code aes}, the default when {@code CIPHER_KEY} is set, or the name of a class implementing this
 * interface with a public constructor taking an {@link Environment}). Implementations are thread-safe.
 *
 * <p>The mapper encrypts each record bound to its row: it passes the row's originator id, version and
 * topic as associated data, which an authenticated cipher ({@link AesCipher}) checks on decryption, so a
 * record copied into another row, or given another topic, fails to decrypt. A cipher that cannot bind
 * keeps the default methods, which ignore the associated data.
 */
public interface Cipher {
    /** The encrypted bytes, bound to nothing. */
    byte[] encrypt(byte[] plaintext);

    /**
     * The original bytes of a record encrypted by {@link #encrypt(byte[])}.
     *
     * @throws DataException if the key is wrong or the bytes were changed, never garbage
     */
    byte[] decrypt(byte[] ciphertext);

    /**
     * The encrypted bytes, bound to {@code associatedData}: they decrypt only with the same associated
     * data. The default ignores it.
     */
    default byte[] encrypt(byte[] plaintext, byte[] associatedData) {
        return encrypt(plaintext);
    }

    /**
     * The original bytes of a record encrypted with the same associated data (or, for records written
     * before records were bound, with none).
     *
     * @throws DataException if the key is wrong, the bytes were changed, or the associated data differs
     */
    default byte[] decrypt(byte[] ciphertext, byte[] associatedData) {
        return decrypt(ciphertext);
    }
}
