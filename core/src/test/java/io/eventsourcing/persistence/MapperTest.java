package io.eventsourcing.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.domain.DomainEvent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MapperTest {
    enum Colour { RED, GREEN }

    record Address(String street, LocalDate since) {}

    record Everything(UUID ref, Instant at, BigDecimal amount, BigDecimal small, LocalDate day, Colour colour,
            Address address, List<Address> history, Map<String, Integer> counts, Set<String> tags,
            Optional<String> note, long big, double ratio, String text) {}

    private final UUID id = UUID.randomUUID();
    private final Everything payload = new Everything(UUID.randomUUID(), Instant.parse("2026-11-23T10:15:30.123456789Z"),
            new BigDecimal("65.00"), new BigDecimal("0.000000000000000000012345"), LocalDate.of(2024, 2, 29),
            Colour.GREEN, new Address("Main St", LocalDate.of(2001, 1, 1)),
            List.of(new Address("Old St", LocalDate.of(1999, 12, 31))), Map.of("a", 1, "b", 2), Set.of("x", "y"),
            Optional.of("n"), Long.MAX_VALUE, 0.1, "héllo ✓ 日本");
    private final DomainEvent event = new DomainEvent(id, 3, Instant.parse("2026-11-23T10:15:30.000001Z"), payload);

    @Test
    void records_and_common_value_types_round_trip_exactly() {
        Mapper mapper = Mapper.standard();

        StoredEvent stored = mapper.toStoredEvent(event, null);
        DomainEvent read = mapper.toDomainEvent(stored);

        assertThat(stored.topic()).isEqualTo(Everything.class.getName());
        assertThat(stored.originatorId()).isEqualTo(id);
        assertThat(stored.originatorVersion()).isEqualTo(3);
        assertThat(read).isEqualTo(event);
        assertThat(((Everything) read.payload()).amount().scale()).isEqualTo(2);
    }

    @Test
    void the_stored_state_is_compact_json_of_timestamp_and_payload() {
        StoredEvent stored = Mapper.standard().toStoredEvent(
                new DomainEvent(id, 1, Instant.parse("2026-01-02T03:04:05Z"), new Address("A", LocalDate.of(2020, 1, 2))),
                null);

        assertThat(new String(stored.state(), StandardCharsets.UTF_8))
                .isEqualTo("{\"timestamp\":\"2026-01-02T03:04:05Z\",\"payload\":{\"street\":\"A\",\"since\":\"2020-01-02\"}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"zlib", "gzip"})
    void compressed_and_encrypted_events_round_trip_and_hide_the_plaintext(String compressor) {
        Environment env = Environment.isolated("app", Map.of("COMPRESSOR_TOPIC", compressor,
                "CIPHER_KEY", AesCipher.createKey(32)));
        Mapper mapper = new io.eventsourcing.persistence.memory.InMemoryFactory(env).mapper();

        StoredEvent stored = mapper.toStoredEvent(event, null);

        assertThat(mapper.toDomainEvent(stored)).isEqualTo(event);
        assertThat(new String(stored.state(), StandardCharsets.ISO_8859_1)).doesNotContain("Main St");
    }

    @Test
    void writing_encodes_then_compresses_then_encrypts() {
        byte[] key = Base64.getDecoder().decode(AesCipher.createKey(16));
        Mapper mapper = new Mapper(Transcoder.standard(), new ZlibCompressor(), new AesCipher(key));

        StoredEvent stored = mapper.toStoredEvent(event, null);
        byte[] json = new ZlibCompressor().decompress(new AesCipher(key).decrypt(stored.state(),
                Mapper.associatedData(stored.originatorId(), stored.originatorVersion(), stored.topic())));

        assertThat(new String(json, StandardCharsets.UTF_8)).startsWith("{\"timestamp\":").contains("Main St");
    }

    @Test
    void a_wrong_key_fails_with_a_data_exception_naming_the_event() {
        Mapper writer = new Mapper(Transcoder.standard(), null, new AesCipher(Base64.getDecoder().decode(AesCipher.createKey(32))));
        Mapper reader = new Mapper(Transcoder.standard(), null, new AesCipher(Base64.getDecoder().decode(AesCipher.createKey(32))));
        StoredEvent stored = writer.toStoredEvent(event, null);

        assertThatThrownBy(() -> reader.toDomainEvent(stored))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(id + ":3")
                .hasMessageContaining(Everything.class.getName())
                .hasMessageContaining("key is wrong");
    }

    @Test
    void a_tampered_record_fails_with_a_data_exception() {
        byte[] key = Base64.getDecoder().decode(AesCipher.createKey(24));
        Mapper mapper = new Mapper(Transcoder.standard(), null, new AesCipher(key));
        StoredEvent stored = mapper.toStoredEvent(event, null);
        byte[] state = stored.state();
        state[state.length - 1] ^= 1;

        assertThatThrownBy(() -> mapper.toDomainEvent(new StoredEvent(id, 3, stored.topic(), state)))
                .isInstanceOf(DataException.class);
    }

    @Test
    void an_unknown_topic_fails_with_a_data_exception_naming_topic_id_and_version() {
        StoredEvent stored = Mapper.standard().toStoredEvent(event, null);

        assertThatThrownBy(() -> Mapper.standard().toDomainEvent(new StoredEvent(id, 3, "com.gone.Event", stored.state())))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("com.gone.Event").hasMessageContaining(id + ":3")
                .hasMessageContaining("Topics.register");
    }

    @Test
    void a_creation_event_names_its_aggregate_class_and_others_do_not() {
        StoredEvent first = Mapper.standard().toStoredEvent(new DomainEvent(id, 1, Instant.now(), new Address("a",
                LocalDate.MIN)), Counter.class);
        StoredEvent second = Mapper.standard().toStoredEvent(event, null);

        assertThat(Mapper.standard().aggregateTypeOf(first)).isEqualTo(Counter.class);
        assertThatThrownBy(() -> Mapper.standard().aggregateTypeOf(second)).isInstanceOf(DataException.class);
    }

    static final class Counter extends io.eventsourcing.domain.Aggregate<Object> {
        @Override
        protected void apply(Object event) {}
    }
}
