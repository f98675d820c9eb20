package io.eventsourcing.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.domain.EventVersion;
import io.eventsourcing.domain.Topics;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class EventEnvelopeTest {
    record Money(BigDecimal amount, String currency) {}

    record Paid(UUID ref, Money money, List<LocalDate> days, Map<String, Double> rates, Optional<String> note,
            long cents, String text) {}

    @EventVersion(3)
    record Renamed(String name, int generation) {}

    record Checked(String name, int size) {
        Checked {
            if (size < 0) {
                throw new IllegalArgumentException("size must not be negative, was " + size);
            }
        }
    }

    private final Mapper mapper = Mapper.standard();
    private final UUID id = UUID.randomUUID();
    private final Paid paid = new Paid(UUID.randomUUID(), new Money(new BigDecimal("10.50"), "EUR"),
            List.of(LocalDate.of(2026, 11, 23)), Map.of("x", 0.1), Optional.empty(), -7, "\"quoted\" ✓\n");

    @Nested
    class Writing {

        @ParameterizedTest
        @ValueSource(strings = {"2026-11-23T10:15:30Z", "2026-11-23T10:15:30.120Z", "1969-07-20T20:17:40.000000001Z",
            "+12026-01-01T00:00:00Z"})
        void writes_the_same_bytes_as_the_tree_it_replaces(String timestamp) {
            Instant at = Instant.parse(timestamp);

            assertThat(text(mapper.toStoredEvent(new DomainEvent(id, 1, at, paid), MapperTest.Counter.class)))
                    .isEqualTo(text(treeEncoded(at, paid, 1, MapperTest.Counter.class)));
            assertThat(text(mapper.toStoredEvent(new DomainEvent(id, 2, at, new Renamed("a", 2)), null)))
                    .isEqualTo(text(treeEncoded(at, new Renamed("a", 2), 3, null)));
        }

        @Test
        void writes_and_reads_payloads_larger_than_the_generator_buffer() {
            String text = "é✓x".repeat(40_000);
            DomainEvent event = new DomainEvent(id, 1, Instant.parse("2026-11-23T10:15:30Z"),
                    new Paid(UUID.randomUUID(), new Money(BigDecimal.ONE, "EUR"), List.of(), Map.of(),
                            Optional.of(text), 1, text));

            StoredEvent stored = mapper.toStoredEvent(event, MapperTest.Counter.class);

            assertThat(text(stored)).isEqualTo(text(treeEncoded(event.timestamp(), event.payload(), 1,
                    MapperTest.Counter.class)));
            assertThat(mapper.toDomainEvent(stored)).isEqualTo(event);
        }

        private byte[] treeEncoded(Instant at, Object payload, int version, Class<?> aggregate) {
            Transcoder transcoder = Transcoder.standard();
            ObjectNode envelope = transcoder.objectNode();
            envelope.put("timestamp", at.toString());
            envelope.set("payload", transcoder.toTree(payload));
            if (version > 1) {
                envelope.put("version", version);
            }
            if (aggregate != null) {
                envelope.put("aggregate", aggregate.getName());
            }
            return transcoder.encode(envelope);
        }
    }

    @Nested
    class Reading {

        @Test
        void reads_fields_in_any_order_and_ignores_unknown_ones() {
            DomainEvent event = read(Money.class, "{\"extra\":{\"a\":[1,{\"b\":2}]},\"aggregate\":\"x.Y\","
                    + "\"payload\":{\"currency\":\"EUR\",\"amount\":1.50},\"other\":null,"
                    + "\"timestamp\":\"2026-11-23T10:15:30.5Z\"}");

            assertThat(event.payload()).isEqualTo(new Money(new BigDecimal("1.50"), "EUR"));
            assertThat(event.timestamp()).isEqualTo(Instant.parse("2026-11-23T10:15:30.5Z"));
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "{\"timestamp\":\"2026-11-23T10:15:30.5Z\",\"payload\":{\"amount\":1.50,\"currency\":\"EUR\"}}",
            "{\"timestamp\":\"2026-11-23T10:15:30.5Z\",\"payload\":{\"amount\":1.50,\"currency\":\"EUR\"},"
                + "\"aggregate\":\"x.Y\"}",
            "{\"timestamp\":\"2026-11-23T10:15:30.5Z\",\"payload\":{\"amount\":1.50,\"currency\":\"EUR\"},"
                + "\"version\":1,\"aggregate\":\"x.\\u0059\"}",
            " { \"timestamp\" : \"2026-11-23T10:15:30.5Z\" , \"payload\" : { \"amount\" : 1.50 , \"currency\" : "
                + "\"EUR\" } } ",
            "{\"timestamp\":\"2026-11-23T10:15:30.500Z\",\"payload\":{\"amount\":1.50,\"currency\":\"\\u0045UR\"},"
                + "\"other\":1}",
            "{\"timestamp\":\"2026-11-23T11:15:30.5+01:00\",\"payload\":{\"amount\":1.50,\"currency\":\"EUR\"}}"
        })
        void reads_the_written_shape_and_every_other_spelling_of_it_alike(String json) {
            DomainEvent event = read(Money.class, json);

            assertThat(event.payload()).isEqualTo(new Money(new BigDecimal("1.50"), "EUR"));
            assertThat(event.timestamp()).isEqualTo(Instant.parse("2026-11-23T10:15:30.5Z"));
        }

        @Test
        void reads_a_timestamp_that_is_not_in_the_written_shape() {
            DomainEvent event = read(Money.class,
                    "{\"timestamp\":\"2026-11-23T11:15:30+01:00\",\"payload\":{\"amount\":1,\"currency\":\"EUR\"}}");

            assertThat(event.timestamp()).isEqualTo(Instant.parse("2026-11-23T10:15:30Z"));
        }

        @Test
        void binds_records_with_a_validating_constructor_and_reports_its_failure_as_jackson_does() {
            assertThat(read(Checked.class, "{\"timestamp\":\"2026-11-23T10:15:30Z\",\"payload\":{\"name\":\"a\","
                    + "\"size\":3}}").payload()).isEqualTo(new Checked("a", 3));
            assertThatThrownBy(() -> read(Checked.class, "{\"timestamp\":\"2026-11-23T10:15:30Z\",\"payload\":"
                    + "{\"name\":\"a\",\"size\":-1}}"))
                    .isInstanceOf(DataException.class)
                    .hasMessageContaining("cannot decode " + Checked.class.getName())
                    .hasMessageContaining("size must not be negative, was -1");
        }

        @Test
        void a_payload_with_an_unknown_property_fails_naming_the_event() {
            assertThatThrownBy(() -> read(Money.class, "{\"timestamp\":\"2026-11-23T10:15:30Z\",\"payload\":"
                    + "{\"amount\":1,\"currency\":\"EUR\",\"colour\":\"red\"}}"))
                    .isInstanceOf(DataException.class)
                    .hasMessageContaining(id + ":2")
                    .hasMessageContaining("cannot decode " + Money.class.getName())
                    .hasMessageContaining("colour");
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "[]",
            "",
            "{\"timestamp\":\"2026-11-23T10:15:30Z\"}",
            "{\"timestamp\":\"2026-11-23T10:15:30Z\",\"payload\":[1]}",
            "{\"timestamp\":\"2026-11-23T10:15:30Z\",\"payload\":null}",
            "{\"payload\":{\"amount\":1,\"currency\":\"EUR\"}}",
            "{\"timestamp\":7,\"payload\":{\"amount\":1,\"currency\":\"EUR\"}}",
            "{\"timestamp\":\"yesterday\",\"payload\":{\"amount\":1,\"currency\":\"EUR\"}}",
            "{\"timestamp\":\"2026-11-23T10:15:30Z\",\"payload\":{\"amount\":1,\"currency\":\"EUR\"},"
                + "\"version\":\"2\"}",
            "{\"timestamp\":\"2026-11-23T10:15:30Z\",\"payload\":{\"amount\":1,\"currency\":\"EUR\"}}{}",
            "{\"timestamp\":\"2026-11-23T10:15:30Z\",\"payload\":{\"amount\":1,\"currency\":\"EUR\"}",
            "{\"timestamp\":\"2026-11-23T10:15:30Z\",\"payload\":{\"amount\":1,\"currency\":\"EUR\"},\"version\":2}"
        })
        void what_is_not_an_event_of_this_version_fails_naming_the_event(String json) {
            assertThatThrownBy(() -> read(Money.class, json))
                    .isInstanceOf(DataException.class)
                    .hasMessageContaining("cannot read event " + id + ":2")
                    .hasMessageContaining(Money.class.getName());
        }

        @Test
        void an_event_newer_than_the_class_fails_saying_so() {
            assertThatThrownBy(() -> read(Money.class, "{\"timestamp\":\"2026-11-23T10:15:30Z\",\"payload\":"
                    + "{\"amount\":1,\"currency\":\"EUR\"},\"version\":2}"))
                    .hasMessageContaining("newer than this code's @EventVersion(1)");
        }

        @Test
        void the_aggregate_is_found_wherever_it_is_and_only_as_a_string() {
            StoredEvent first = stored(Money.class, "{\"aggregate\":\"" + MapperTest.Counter.class.getName()
                    + "\",\"payload\":{\"aggregate\":1},\"timestamp\":\"2026-11-23T10:15:30Z\"}");
            StoredEvent nested = stored(Money.class, "{\"payload\":{\"aggregate\":\""
                    + MapperTest.Counter.class.getName() + "\"},\"timestamp\":\"2026-11-23T10:15:30Z\"}");

            assertThat(mapper.aggregateTypeOf(first)).isEqualTo(MapperTest.Counter.class);
            assertThatThrownBy(() -> mapper.aggregateTypeOf(nested)).isInstanceOf(DataException.class)
                    .hasMessageContaining("does not name the aggregate class");
        }

        private DomainEvent read(Class<?> type, String json) {
            return mapper.toDomainEvent(stored(type, json));
        }

        private StoredEvent stored(Class<?> type, String json) {
            return new StoredEvent(id, 2, Topics.of(type), json.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String text(StoredEvent stored) {
        return text(stored.state());
    }

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }
}
