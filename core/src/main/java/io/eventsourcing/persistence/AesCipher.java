package io.eventsourcing.persistence;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * AES in GCM mode with a 128, 192 or 256-bit key and a random 96-bit nonce for every event. The
 * stored bytes are {@code nonce (12) | tag (16) | ciphertext}, the layout pyeventsourcing's
 * {@code AESCipher} writes. Authenticated: a wrong key or a changed byte fails with
 * {@link DataException}. Records the mapper writes are bound to their row by GCM's associated data
 * ({@link #encrypt(byte[], byte[])}): decrypting them with other associated data fails too. Records
 * without associated data (pyeventsourcing's, and this library's before records were bound) are still
 * read: when a record does not decrypt with its row's associated data, it is tried without any, which
 * succeeds only for a record that was written without. Pyeventsourcing cannot read bound records.
 *
 * <p>Thread-safe.
 */
public final class AesCipher implements io.eventsourcing.persistence.Cipher {
    /** The variable holding the key: base64 of 16, 24 or 32 bytes. */
    public static final String CIPHER_KEY = "CIPHER_KEY";

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    /**
     * @param key 16, 24 or 32 bytes
     * @throws IllegalArgumentException for another length
     */
    public AesCipher(byte[] key) {
        requireNonNull(key, "key");
        checkSize(key.length);
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /**
     * The cipher keyed by {@code CIPHER_KEY} in the environment (application-prefixed first).
     *
     * @throws ConfigurationException if the variable is missing or not base64 of 16, 24 or 32 bytes
     */
    public AesCipher(Environment environment) {
        this(keyFrom(environment));
    }

    /**
     * A new random key, base64-encoded, for {@code CIPHER_KEY}.
     *
     * @param numBytes 16, 24 or 32 (AES-128, -192, -256)
     * @throws IllegalArgumentException for another size
     */
    public static String createKey(int numBytes) {
        checkSize(numBytes);
        byte[] key = new byte[numBytes];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Override
    public byte[] encrypt(byte[] plaintext) {
        return seal(plaintext, null);
    }

    @Override
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
        return seal(plaintext, associatedData);
    }

    @Override
    public byte[] decrypt(byte[] ciphertext) {
        try {
            return open(ciphertext, null);
        } catch (AEADBadTagException e) {
            throw new DataException("cannot decrypt: the key is wrong or the record was changed", e);
        }
    }

    /**
     * The original bytes of a record bound to {@code associatedData}, or of a record bound to nothing
     * (written before records were bound, or by pyeventsourcing).
     *
     * @throws DataException if the key is wrong, or the record was changed or moved to another row
     */
    @Override
    public byte[] decrypt(byte[] ciphertext, byte[] associatedData) {
        try {
            return open(ciphertext, associatedData);
        } catch (AEADBadTagException bound) {
            try {
                return open(ciphertext, null);
            } catch (AEADBadTagException unbound) {
                throw new DataException("cannot decrypt: the key is wrong, or the record was changed or does not "
                        + "belong to this row (another originator, version or topic)", bound);
            }
        }
    }

    private byte[] seal(byte[] plaintext, byte @Nullable [] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed; // ciphertext | tag, as the JDK returns it
        try {
            javax.crypto.Cipher aes = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(javax.crypto.Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            if (associatedData != null) {
                aes.updateAAD(associatedData);
            }
            sealed = aes.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
        int textLength = sealed.length - TAG_BYTES;
        return ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                .put(nonce)
                .put(sealed, textLength, TAG_BYTES)
                .put(sealed, 0, textLength)
                .array();
    }

    private byte[] open(byte[] ciphertext, byte @Nullable [] associatedData) throws AEADBadTagException {
        if (ciphertext.length < NONCE_BYTES + TAG_BYTES) {
            throw new DataException("cannot decrypt: " + ciphertext.length + " bytes is too short for AES-GCM data");
        }
        int textLength = ciphertext.length - NONCE_BYTES - TAG_BYTES;
        byte[] sealed = ByteBuffer.allocate(textLength + TAG_BYTES)
                .put(ciphertext, NONCE_BYTES + TAG_BYTES, textLength)
                .put(ciphertext, NONCE_BYTES, TAG_BYTES)
                .array();
        try {
            javax.crypto.Cipher aes = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(javax.crypto.Cipher.DECRYPT_MODE, key,
                    new GCMParameterSpec(TAG_BYTES * 8, ciphertext, 0, NONCE_BYTES));
            if (associatedData != null) {
                aes.updateAAD(associatedData);
            }
            return aes.doFinal(sealed);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new DataException("cannot decrypt: " + e.getMessage(), e);
        }
    }

    private static byte[] keyFrom(Environment environment) {
        String encoded = environment.get(CIPHER_KEY).orElseThrow(() -> new ConfigurationException(
                CIPHER_KEY + " is not set: the AES cipher needs base64 of 16, 24 or 32 bytes "
                        + "(make one with AesCipher.createKey(32))"));
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(environment.sourceOf(CIPHER_KEY) + " is not valid base64", e);
        }
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new ConfigurationException(environment.sourceOf(CIPHER_KEY) + " decodes to " + key.length
                    + " bytes: use base64 of 16, 24 or 32 bytes (make one with AesCipher.createKey(32))");
        }
        return key;
    }

    private static void checkSize(int numBytes) {
        if (numBytes != 16 && numBytes != 24 && numBytes != 32) {
            throw new IllegalArgumentException("an AES key has 16, 24 or 32 bytes, not " + numBytes);
        }
    }
}
