package io.eventsourcing.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.internal.json.PayloadJson;
import java.beans.ConstructorProperties;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which payload classes the fast codec takes, and that those it leaves to Jackson are stored and read
 * exactly as Jackson alone stores and reads them.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FastCodecEligibilityTest {
    private final Mapper fast = Mapper.standard();
    private final Mapper jackson = new Mapper(Transcoder.of(Transcoder.standardJsonMapper().build()), null, null);

    record Renamed(@JsonProperty("full_name") String name, int age) {}

    record Ignoring(String name, @JsonIgnore String secret) {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
    sealed interface Typed permits TypedEvent {}

    record TypedEvent(String name) implements Typed {}

    interface Named {
        @JsonProperty("label")
        String name();
    }

    record NamedEvent(String name) implements Named {}

    record WithGetter(int price, int count) {
        public int getTotal() {
            return price * count;
        }
    }

    interface Described {
        default boolean isDescribed() {
            return true;
        }
    }

    record DescribedEvent(String name) implements Described {}

    record OtherCreator(String name, int size) {
        @JsonCreator
        OtherCreator(@JsonProperty("name") String name) {
            this(name, 1);
        }
    }

    record Factory(String name, int size) {
        @JsonCreator
        static Factory of(@JsonProperty("name") String name, @JsonProperty("size") int size) {
            return new Factory(name.strip(), size);
        }
    }

    @Retention(RetentionPolicy.RUNTIME)
    @JacksonAnnotationsInside
    @JsonProperty("renamed")
    @interface Bundle {}

    record Bundled(@Bundle String name) {}

    record Beans(String name, int size) {
        @ConstructorProperties({"name", "size"})
        Beans {}
    }

    enum Loud {
        ON, OFF;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    record WithLoud(Loud loud) {}

    enum Coded {
        ON, OFF;

        @JsonValue
        String code() {
            return name().substring(0, 2);
        }
    }

    record WithCoded(Coded coded) {}

    enum Parsed {
        ON, OFF;

        static Parsed fromCode(String code) {
            return valueOf(code);
        }
    }

    record WithParsed(Parsed parsed) {}

    record Inner(@JsonProperty("x") String y) {}

    record Outer(String name, List<Inner> inners) {}

    record WithObject(Object value) {}

    record WithChar(char letter) {}

    record WithArray(int[] numbers) {}

    record Generic<T>(T value) {}

    record WithWildcard(List<?> values) {}

    record WithSortedSet(SortedSet<String> values) {}

    record WithIntegerKeys(Map<Integer, String> values) {}

    record WithNestedOptional(Optional<Optional<String>> value) {}

    record WithOptionalElements(List<Optional<String>> values) {}

    record WithOptionalInt(OptionalInt value) {}

    static Stream<Arguments> left_to_jackson() {
        return Stream.of(
                Arguments.of(new Renamed("Ann", 3), "@com.fasterxml.jackson.annotation.JsonProperty"),
                Arguments.of(new Ignoring("Ann", "pw"), "JsonIgnore"),
                Arguments.of(new TypedEvent("t"), "JsonTypeInfo"),
                Arguments.of(new NamedEvent("n"), "JsonProperty"),
                Arguments.of(new WithGetter(2, 3), "getTotal()"),
                Arguments.of(new DescribedEvent("d"), "isDescribed()"),
                Arguments.of(new OtherCreator("o", 1), "JsonCreator"),
                Arguments.of(new Factory("f", 2), "JsonCreator"),
                Arguments.of(new Bundled("b"), "Bundle"),
                Arguments.of(new Beans("b", 1), "java.beans.ConstructorProperties"),
                Arguments.of(new WithLoud(Loud.ON), "toString()"),
                Arguments.of(new WithCoded(Coded.OFF), "JsonValue"),
                Arguments.of(new WithParsed(Parsed.ON), "fromCode"),
                Arguments.of(new Outer("o", List.of(new Inner("i"))), "JsonProperty"),
                Arguments.of(new WithObject("x"), "java.lang.Object is not a type"),
                Arguments.of(new WithChar('c'), "char is not a type"),
                Arguments.of(new WithArray(new int[] {1}), "int[] is not a type"),
                Arguments.of(new Generic<>("g"), "T is not a type"),
                Arguments.of(new WithWildcard(List.of("w")), "is not a type"),
                Arguments.of(new WithSortedSet(new TreeSet<>(List.of("s"))), "SortedSet"),
                Arguments.of(new WithIntegerKeys(Map.of(1, "one")), "Map<java.lang.Integer"),
                Arguments.of(new WithNestedOptional(Optional.of(Optional.of("x"))), "Optional"),
                Arguments.of(new WithOptionalElements(List.of(Optional.of("x"))), "Optional"),
                Arguments.of(new WithOptionalInt(OptionalInt.of(1)), "OptionalInt"));
    }

    @ParameterizedTest
    @MethodSource
    void left_to_jackson(Record payload, String reason) {
        DomainEvent event = new DomainEvent(UUID.randomUUID(), 1, Instant.parse("2026-11-23T10:15:30Z"), payload);

        StoredEvent stored = fast.toStoredEvent(event, null);

        assertThat(PayloadJson.unsupported(payload.getClass())).contains(reason);
        assertThat(text(stored)).isEqualTo(text(jackson.toStoredEvent(event, null)));
        Object fromFast;
        Object fromJackson;
        try {
            fromJackson = jackson.toDomainEvent(stored);
        } catch (DataException e) {
            fromJackson = e.getMessage();
        }
        try {
            fromFast = fast.toDomainEvent(stored);
        } catch (DataException e) {
            fromFast = e.getMessage();
        }
        assertThat(fromFast).usingRecursiveComparison().isEqualTo(fromJackson);
    }

    @Test
    void a_renamed_component_is_stored_under_its_jackson_name() {
        StoredEvent stored = fast.toStoredEvent(new DomainEvent(UUID.randomUUID(), 1, Instant.EPOCH,
                new Renamed("Ann", 3)), null);

        assertThat(text(stored)).contains("\"full_name\":\"Ann\"");
        assertThat(fast.toDomainEvent(stored).payload()).isEqualTo(new Renamed("Ann", 3));
    }

    interface Plain {
        String name();

        default String shout() {
            return name().toUpperCase(java.util.Locale.ROOT);
        }
    }

    record PlainEvent(String name, int gettable, boolean issued) implements Plain {
        static PlainEvent of(String name) {
            return new PlainEvent(name, 0, false);
        }

        String greeting() {
            return "hello " + name;
        }

        public int total() {
            return gettable + 1;
        }
    }

    enum Op {
        ADD { @Override int apply(int a, int b) { return a + b; } };

        abstract int apply(int a, int b);
    }

    record WithOp(Op op, Optional<List<Op>> ops) {}

    @Test
    void plain_records_with_methods_interfaces_and_enums_with_bodies_are_taken() {
        assertThat(PayloadJson.unsupported(PlainEvent.class)).isNull();
        assertThat(PayloadJson.unsupported(WithOp.class)).isNull();
        assertThat(PayloadJson.unsupported(String.class)).contains("is not a record");
    }

    private static String text(StoredEvent stored) {
        return new String(stored.state(), StandardCharsets.UTF_8);
    }
}
