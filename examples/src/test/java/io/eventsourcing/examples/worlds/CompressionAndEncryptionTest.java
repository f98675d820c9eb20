package io.eventsourcing.examples.worlds;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.persistence.AesCipher;
import io.eventsourcing.persistence.ConfigurationException;
import io.eventsourcing.persistence.DataException;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.persistence.StoredEvent;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CompressionAndEncryptionTest {
    private static final String SECRET = "the secret of the universe";

    private static String storedText(Worlds worlds, int index) {
        List<Notification> notifications = worlds.recorder().selectNotifications(1, 10);
        return new String(notifications.get(index).state(), ISO_8859_1);
    }

    private static List<StoredEvent> storedEvents(Worlds worlds) {
        return worlds.recorder().selectNotifications(1, 10).stream().map(Notification::toStoredEvent).toList();
    }

    @Test
    void a_compressed_and_encrypted_world_round_trips_and_its_stored_bytes_hide_the_plaintext() {
        // tag::encryption[]
        Map<String, String> env = Map.of(
                "PERSISTENCE_MODULE", "memory",
                "COMPRESSOR_TOPIC", "zlib",
                "CIPHER_KEY", AesCipher.createKey(32));        // base64 of 32 random bytes: AES-256
        try (var worlds = new Worlds(env)) {
            UUID id = worlds.createWorld("Earth");
            worlds.makeItSo(id, "the secret of the universe");

            assertThat(worlds.history(id)).containsExactly("the secret of the universe");
            byte[] stored = worlds.recorder().selectNotifications(1, 10).get(1).state();
            assertThat(new String(stored, ISO_8859_1)).doesNotContain("secret");
        }
        // end::encryption[]
    }

    @Test
    void without_a_cipher_the_stored_bytes_show_the_plaintext() {
        try (var worlds = new Worlds(Map.of("PERSISTENCE_MODULE", "memory"))) {
            worlds.makeItSo(worlds.createWorld("Earth"), SECRET);

            assertThat(storedText(worlds, 0)).contains("Earth");
            assertThat(storedText(worlds, 1)).contains(SECRET);
        }
    }

    @Test
    void encryption_alone_hides_the_plaintext_and_uses_a_new_nonce_for_every_event() {
        String key = AesCipher.createKey(16);
        try (var worlds = new Worlds(Map.of("PERSISTENCE_MODULE", "memory", "CIPHER_KEY", key))) {
            UUID id = worlds.createWorld("Earth");
            worlds.makeItSo(id, SECRET);
            worlds.makeItSo(id, SECRET);

            assertThat(storedText(worlds, 1)).doesNotContain("secret");
            assertThat(storedText(worlds, 2)).isNotEqualTo(storedText(worlds, 1));
            assertThat(worlds.history(id)).containsExactly(SECRET, SECRET);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"zlib", "gzip"})
    void a_compressor_makes_a_repetitive_event_smaller(String compressor) {
        String repetitive = "ho ".repeat(200);
        try (var plain = new Worlds(Map.of("PERSISTENCE_MODULE", "memory"));
                var compressed = new Worlds(Map.of("PERSISTENCE_MODULE", "memory", "COMPRESSOR_TOPIC", compressor))) {
            plain.makeItSo(plain.createWorld("Earth"), repetitive);
            UUID id = compressed.createWorld("Earth");
            compressed.makeItSo(id, repetitive);

            int plainSize = plain.recorder().selectNotifications(2, 1).getFirst().state().length;
            int compressedSize = compressed.recorder().selectNotifications(2, 1).getFirst().state().length;
            assertThat(compressedSize).isLessThan(plainSize / 4);
            assertThat(compressed.history(id)).containsExactly(repetitive);
        }
    }

    @Test
    void reading_with_the_wrong_key_fails_with_a_data_exception() {
        Map<String, String> settings = Map.of("PERSISTENCE_MODULE", "memory", "COMPRESSOR_TOPIC", "zlib");
        try (var writer = new Worlds(with(settings, "CIPHER_KEY", AesCipher.createKey(32)));
                var reader = new Worlds(with(settings, "CIPHER_KEY", AesCipher.createKey(32)))) {
            UUID id = writer.createWorld("Earth");
            writer.makeItSo(id, SECRET);
            // The in-memory store belongs to one application: copy the writer's records over, as if
            // both read the same database.
            reader.recorder().insertEvents(storedEvents(writer));

            assertThatThrownBy(() -> reader.repository().get(id))
                    .isInstanceOf(DataException.class)
                    .hasMessageContaining(id.toString())
                    .hasMessageContaining("key is wrong");
        }
    }

    @Test
    void reading_with_the_right_key_in_another_application_works() {
        Map<String, String> settings = Map.of("PERSISTENCE_MODULE", "memory", "COMPRESSOR_TOPIC", "zlib",
                "CIPHER_KEY", AesCipher.createKey(24));
        try (var writer = new Worlds(settings); var reader = new Worlds(settings)) {
            UUID id = writer.createWorld("Earth");
            writer.makeItSo(id, SECRET);
            reader.recorder().insertEvents(storedEvents(writer));

            assertThat(reader.history(id)).containsExactly(SECRET);
        }
    }

    @Test
    void a_key_of_the_wrong_size_fails_at_construction() {
        String tooShort = Base64.getEncoder().encodeToString(new byte[10]);

        assertThatThrownBy(() -> new Worlds(Map.of("PERSISTENCE_MODULE", "memory", "CIPHER_KEY", tooShort)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("CIPHER_KEY");
    }

    private static Map<String, String> with(Map<String, String> settings, String key, String value) {
        var copy = new HashMap<>(settings);
        copy.put(key, value);
        return Map.copyOf(copy);
    }
}
