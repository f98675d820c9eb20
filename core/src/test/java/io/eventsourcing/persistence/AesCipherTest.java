package io.eventsourcing.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AesCipherTest {
    private final byte[] plaintext = "some secret event".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @ValueSource(ints = {16, 24, 32})
    void keys_of_16_24_and_32_bytes_encrypt_and_decrypt(int size) {
        String key = AesCipher.createKey(size);
        AesCipher cipher = new AesCipher(Base64.getDecoder().decode(key));

        byte[] sealed = cipher.encrypt(plaintext);

        assertThat(Base64.getDecoder().decode(key)).hasSize(size);
        assertThat(sealed).hasSize(12 + 16 + plaintext.length);
        assertThat(cipher.decrypt(sealed)).isEqualTo(plaintext);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 8, 15, 31, 64})
    void other_key_sizes_are_rejected(int size) {
        assertThatThrownBy(() -> AesCipher.createKey(size)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16, 24 or 32");
    }

    @Test
    void every_encryption_uses_a_fresh_nonce() {
        AesCipher cipher = new AesCipher(new byte[32]);

        assertThat(cipher.encrypt(plaintext)).isNotEqualTo(cipher.encrypt(plaintext));
    }

    @Test
    void it_decrypts_the_layout_pyeventsourcing_writes_nonce_then_tag_then_ciphertext() {
        // Made with Python's cryptography AESGCM: key = bytes(range(32)), nonce = bytes(range(12)),
        // data = b"hello pyeventsourcing"; pyeventsourcing stores nonce + tag + ciphertext.
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) i;
        }
        byte[] stored = HexFormat.of().parseHex("000102030405060708090a0b15427b4040258518728242f6ecb4fd71"
                + "2f67ba77aac5b262e837f2e5c59a1718f1b5ee5a97");

        assertThat(new String(new AesCipher(key).decrypt(stored), StandardCharsets.UTF_8))
                .isEqualTo("hello pyeventsourcing");
    }

    @Test
    void changed_bytes_fail_with_a_data_exception() {
        AesCipher cipher = new AesCipher(new byte[16]);
        byte[] sealed = cipher.encrypt(plaintext);
        sealed[20] ^= 0x40;

        assertThatThrownBy(() -> cipher.decrypt(sealed)).isInstanceOf(DataException.class)
                .hasMessageContaining("key is wrong or the record was changed");
    }

    @Test
    void the_key_comes_from_cipher_key_and_bad_values_name_the_variable() {
        assertThatThrownBy(() -> new AesCipher(Environment.isolated("bank", Map.of())))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("CIPHER_KEY is not set");
        assertThatThrownBy(() -> new AesCipher(Environment.isolated("bank", Map.of("BANK_CIPHER_KEY", "!!"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("BANK_CIPHER_KEY");
        assertThatThrownBy(() -> new AesCipher(Environment.isolated("bank", Map.of("CIPHER_KEY", "AAAA"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("decodes to 3 bytes");
    }

    @Test
    void a_record_bound_to_associated_data_decrypts_only_with_the_same() {
        AesCipher cipher = new AesCipher(new byte[32]);
        byte[] row = "row 1".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = cipher.encrypt(plaintext, row);

        assertThat(cipher.decrypt(sealed, row)).isEqualTo(plaintext);
        assertThatThrownBy(() -> cipher.decrypt(sealed, "row 2".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DataException.class)
                .hasMessage("cannot decrypt: the key is wrong, or the record was changed or does not belong to this "
                        + "row (another originator, version or topic)");
        assertThatThrownBy(() -> cipher.decrypt(sealed)).isInstanceOf(DataException.class);
    }

    @Test
    void a_record_written_without_associated_data_is_still_read_with_it() {
        AesCipher cipher = new AesCipher(new byte[32]);
        byte[] unbound = cipher.encrypt(plaintext);

        assertThat(cipher.decrypt(unbound, "any row".getBytes(StandardCharsets.UTF_8))).isEqualTo(plaintext);
    }
}
