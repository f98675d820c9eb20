package io.eventsourcing.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.domain.EventVersion;
import io.eventsourcing.internal.json.DeepEquality;
import io.eventsourcing.internal.json.Mutations;
import io.eventsourcing.internal.json.PayloadJson;
import io.eventsourcing.internal.json.RandomValues;
import io.eventsourcing.internal.json.Shapes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * The standard mapper, whose payloads the fast codec writes and reads, against a mapper on Jackson's
 * path alone (a transcoder made with {@link Transcoder#of}, which never uses the codec): the same
 * stored bytes, the same events, and for damaged bytes the same event or the same DataException.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FastCodecTest {
    static final List<Class<? extends Record>> SHAPES = Shapes.ALL;

    private final Mapper fast = Mapper.standard();
    private final Mapper jackson = new Mapper(Transcoder.of(Transcoder.standardJsonMapper().build()), null, null);
    private final UUID id = UUID.randomUUID();

    @ParameterizedTest
    @FieldSource("SHAPES")
    void stores_the_bytes_jackson_stores_and_reads_them_back_alike_even_damaged(Class<? extends Record> shape) {
        RandomValues values = new RandomValues(shape.getName().hashCode() + 1, false);
        Mutations mutations = new Mutations(shape.getName().hashCode() + 2, true);
        for (int i = 0; i < 60; i++) {
            DomainEvent event = new DomainEvent(id, i + 1, Instant.ofEpochSecond(1_700_000_000L + i, i * 1_000L),
                    values.record(shape));
            Class<?> aggregate = i % 3 == 0 ? MapperTest.Counter.class : null;
            StoredEvent stored = fast.toStoredEvent(event, aggregate);

            assertThat(text(stored.state())).isEqualTo(text(jackson.toStoredEvent(event, aggregate).state()));
            assertThat(DeepEquality.difference(jackson.toDomainEvent(stored), fast.toDomainEvent(stored))).isNull();
            for (int j = 0; j < 25; j++) {
                byte[] damaged = mutations.mutate(stored.state());
                assertReadAlike(new StoredEvent(id, i + 1, stored.topic(), damaged));
            }
        }
    }

    /** Both mappers give equal events, or both fail with a DataException saying the same. */
    private void assertReadAlike(StoredEvent stored) {
        Object expected = readOrFailure(jackson, stored);
        Object actual = readOrFailure(fast, stored);
        if (expected instanceof DataException failure) {
            assertThat(actual).as(text(stored.state())).isInstanceOf(DataException.class);
            assertThat(((DataException) actual).getMessage()).as(text(stored.state())).isEqualTo(failure.getMessage());
        } else {
            assertThat(DeepEquality.difference(expected, actual)).as(text(stored.state())).isNull();
        }
    }

    private static Object readOrFailure(Mapper mapper, StoredEvent stored) {
        try {
            return mapper.toDomainEvent(stored);
        } catch (DataException e) {
            return e;
        }
    }

    @Test
    void a_payload_the_codec_leaves_to_jackson_is_stored_and_read_as_before() {
        DomainEvent lone = new DomainEvent(id, 1, Instant.EPOCH, new Shapes.One("half a pair \ud83d"));

        StoredEvent stored = fast.toStoredEvent(lone, null);

        assertThat(stored.state()).isEqualTo(jackson.toStoredEvent(lone, null).state());
        assertThat(text(stored.state())).contains("\\uD83D");
        assertThat(fast.toDomainEvent(stored)).isEqualTo(jackson.toDomainEvent(stored)).isEqualTo(lone);
    }

    @Test
    void a_record_constructor_that_refuses_the_stored_values_fails_as_jackson_reports_it() {
        fast.toStoredEvent(new DomainEvent(id, 1, Instant.EPOCH, new Shapes.Validated("a", 1)), null);
        StoredEvent stored = new StoredEvent(id, 2, Shapes.Validated.class.getName(),
                "{\"timestamp\":\"2026-11-23T10:15:30Z\",\"payload\":{\"name\":\"a\",\"size\":-1}}"
                        .getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> fast.toDomainEvent(stored)).isInstanceOf(DataException.class)
                .hasMessageContaining("size must not be negative, was -1")
                .hasMessage(((DataException) readOrFailure(jackson, stored)).getMessage());
    }

    @Test
    void an_accessor_that_throws_fails_as_jackson_reports_it() {
        DomainEvent event = new DomainEvent(id, 1, Instant.EPOCH, new Shapes.Throwing(-1));

        assertThatThrownBy(() -> fast.toStoredEvent(event, null)).isInstanceOf(DataException.class)
                .hasMessageContaining("negative: -1")
                .hasMessage(catchDataException(() -> jackson.toStoredEvent(event, null)).getMessage());
    }

    private static DataException catchDataException(Runnable action) {
        try {
            action.run();
        } catch (DataException e) {
            return e;
        }
        throw new AssertionError("no DataException");
    }

    /** Written upper-case by the user's module: proof that a transcoder of the user's mapper uses Jackson alone. */
    record Shout(String word) {}

    @Test
    void a_transcoder_of_a_users_mapper_writes_and_reads_with_that_mapper_alone() {
        SimpleModule upperCase = new SimpleModule().addSerializer(String.class, new ValueSerializer<>() {
            @Override
            public void serialize(String value, JsonGenerator generator, SerializationContext context) {
                generator.writeString(value.toUpperCase(Locale.ROOT));
            }
        });
        Mapper users = new Mapper(Transcoder.of(Transcoder.standardJsonMapper().addModule(upperCase).build()), null,
                null);
        DomainEvent event = new DomainEvent(id, 1, Instant.EPOCH, new Shout("quiet"));

        assertThat(PayloadJson.unsupported(Shout.class)).isNull();
        assertThat(text(users.toStoredEvent(event, null).state())).contains("\"QUIET\"");
        assertThat(text(fast.toStoredEvent(event, null).state())).contains("\"quiet\"");
    }

    @EventVersion(2)
    record Versioned(String name) {}

    @Test
    void a_payload_above_version_one_is_still_read_as_a_tree_for_upcasting() {
        DomainEvent event = new DomainEvent(id, 1, Instant.EPOCH, new Versioned("a"));
        StoredEvent newer = new StoredEvent(id, 1, Versioned.class.getName(),
                "{\"timestamp\":\"2026-11-23T10:15:30Z\",\"payload\":{\"name\":\"a\"},\"version\":3}"
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(text(fast.toStoredEvent(event, null).state()))
                .endsWith("\"payload\":{\"name\":\"a\"},\"version\":2}");
        assertThat(fast.toDomainEvent(fast.toStoredEvent(event, null))).isEqualTo(event);
        assertThatThrownBy(() -> fast.toDomainEvent(newer)).isInstanceOf(DataException.class)
                .hasMessageContaining("newer than this code's @EventVersion(2)");
    }

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }
}
