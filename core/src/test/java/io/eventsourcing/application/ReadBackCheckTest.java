package io.eventsourcing.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.Ids;
import io.eventsourcing.persistence.DataException;
import io.eventsourcing.persistence.Transcoder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.module.SimpleModule;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReadBackCheckTest {

    /** An aggregate whose events are whatever a test triggers. */
    static final class Box extends Aggregate<Object> {
        static Box create(Object first) {
            return create(Box::new, Ids.random(), first);
        }

        void put(Object event) {
            trigger(event);
        }

        @Override
        protected void apply(Object event) {}
    }

    static final class Boxes extends Application {
        Boxes() {
            super(Map.of("PERSISTENCE_MODULE", "memory", "IS_SNAPSHOTTING_ENABLED", "true"));
        }
    }

    private final Boxes boxes = new Boxes();

    @AfterEach
    void close() {
        boxes.close();
    }

    record Tagged(String name, Object tag) {}

    interface Shape {}

    record Circle(int radius) implements Shape {}

    record Drawn(Shape shape) {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
    @JsonSubTypes(@JsonSubTypes.Type(value = Square.class, name = "square"))
    interface TypedShape {}

    record Square(int side) implements TypedShape {}

    record Placed(TypedShape shape) {}

    record Anything(@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS) Object anything) {}

    record Listed(List<Object> items) {}

    record Priced(Map<String, Object> attributes) {}

    record Address(String street, Optional<Object> extra) {}

    record Moved(UUID id, Address address) {}

    record Wrapped<T>(T value) {}

    record Boxed(Wrapped<String> text) {}

    /** A value class without a creator: Jackson can write it, but not build it. */
    static final class Money {
        private final long cents;

        Money(long cents) {
            this.cents = cents;
        }

        public long getCents() {
            return cents;
        }
    }

    record Paid(Money amount) {}

    /** A bean whose setter changes what it is given, so it is not read back as it was written. */
    static final class Renamed {
        private String name = "";

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name.strip();
        }

        static Renamed of(String name) {
            Renamed renamed = new Renamed();
            renamed.name = name;
            return renamed;
        }
    }

    /** A bean with a computed property that it cannot read back. */
    static final class Total {
        public int a = 1;

        public int getDoubled() {
            return 2 * a;
        }
    }

    record Ordinary(String name, int count, BigDecimal price, Instant at, List<Square> squares,
            Map<String, List<UUID>> ids, Optional<String> note) {}

    private void refused(Object payload, String message) {
        Box box = Box.create(new Ordinary("x", 1, BigDecimal.ONE, Instant.EPOCH, List.of(), Map.of(), Optional.empty()));
        boxes.save(box);
        box.put(payload);

        assertThatThrownBy(() -> boxes.save(box)).isInstanceOf(DataException.class)
                .hasMessage(payload.getClass().getName() + " cannot be stored as an event and read back: " + message);
        assertThat(box.pendingEvents()).hasSize(1);
        assertThat(boxes.recorder().maxNotificationId()).isEqualTo(1);
    }

    @Nested
    class the_first_save_of_a_payload_class_is_refused_naming_it_and_the_component {
        @Test
        void when_a_component_is_of_type_object() {
            refused(new Tagged("Fido", "dog"), "'tag' is of type java.lang.Object, which is read back as whatever "
                    + "its JSON looks like (a map, a list, a string): give it a concrete type, or annotate it with "
                    + "@JsonTypeInfo");
        }

        @Test
        void when_a_component_is_an_interface_without_type_information() {
            Box box = Box.create(new Drawn(new Circle(3)));

            assertThatThrownBy(() -> boxes.save(box)).isInstanceOf(DataException.class)
                    .hasMessageStartingWith(Drawn.class.getName() + " cannot be stored as an event and read back: "
                            + "'shape' is of type " + Shape.class.getName() + ", an interface that Jackson cannot create (")
                    .hasMessageEndingWith("): annotate Shape with @JsonTypeInfo and @JsonSubTypes, or give the component "
                            + "a concrete type");
            assertThat(boxes.recorder().maxNotificationId()).isZero();
        }

        @Test
        void when_an_element_or_a_value_or_a_nested_component_is_untyped() {
            refused(new Listed(List.of("a")), "'items[]' is of type java.lang.Object, which is read back as whatever "
                    + "its JSON looks like (a map, a list, a string): give it a concrete type, or annotate it with "
                    + "@JsonTypeInfo");
            Box box = Box.create(new Priced(Map.of()));
            assertThatThrownBy(() -> boxes.save(box)).hasMessageContaining("'attributes{}' is of type java.lang.Object");
            Box moved = Box.create(new Moved(UUID.randomUUID(), new Address("Main Street", Optional.empty())));
            assertThatThrownBy(() -> boxes.save(moved)).hasMessageContaining("'address.extra[]' is of type java.lang.Object");
        }

        @Test
        void when_a_component_s_class_has_no_creator() {
            Box box = Box.create(new Paid(new Money(150)));

            assertThatThrownBy(() -> boxes.save(box)).isInstanceOf(DataException.class)
                    .hasMessageStartingWith(Paid.class.getName() + " cannot be stored as an event and read back: "
                            + "reading 'amount' back failed: ")
                    .hasMessageContaining("Cannot construct instance of `" + Money.class.getName() + "`");
        }

        @Test
        void when_its_type_information_is_not_allowed_to_be_read() {
            Box box = Box.create(new Anything(new Square(4)));

            assertThatThrownBy(() -> boxes.save(box)).isInstanceOf(DataException.class)
                    .hasMessageStartingWith(Anything.class.getName() + " cannot be stored as an event and read back: "
                            + "reading it back failed: ")
                    .hasMessageContaining("PolymorphicTypeValidator");
        }

        @Test
        void when_its_value_is_not_read_back_as_it_was_written() {
            refused(Renamed.of(" Fido "), "it does not read back as it was written: 'name' differs");
        }

        @Test
        void when_its_json_cannot_be_read_back() {
            Box box = Box.create(new Total());

            assertThatThrownBy(() -> boxes.save(box)).isInstanceOf(DataException.class)
                    .hasMessageStartingWith(Total.class.getName() + " cannot be stored as an event and read back: "
                            + "reading 'doubled' back failed: ")
                    .hasMessageContaining("Unrecognized property \"doubled\"");
        }

        @Test
        void and_again_at_every_later_save() {
            refused(new Tagged("Fido", "dog"), "'tag' is of type java.lang.Object, which is read back as whatever "
                    + "its JSON looks like (a map, a list, a string): give it a concrete type, or annotate it with "
                    + "@JsonTypeInfo");
            Box again = Box.create(new Tagged("Rex", "dog"));

            assertThatThrownBy(() -> boxes.save(again)).isInstanceOf(DataException.class);
        }
    }

    @Nested
    class a_payload_class_is_accepted {
        @Test
        void when_its_types_say_what_to_build() {
            Box box = Box.create(new Ordinary("Fido", 2, new BigDecimal("1.50"), Instant.now(), List.of(new Square(2)),
                    Map.of("a", List.of(UUID.randomUUID())), Optional.of("good dog")));
            box.put(new Placed(new Square(1)));
            box.put(new Boxed(new Wrapped<>("bound")));

            boxes.save(box);

            assertThat(boxes.repository().<Box>get(box.id()).version()).isEqualTo(3);
        }
    }

    /** An application whose transcoder reads money with a deserializer of its own, which needs a "cents". */
    static final class Tills extends Application {
        Tills() {
            super(Map.of("PERSISTENCE_MODULE", "memory"));
        }

        @Override
        protected Transcoder transcoder() {
            SimpleModule money = new SimpleModule().addDeserializer(Money.class, new ValueDeserializer<Money>() {
                @Override
                public Money deserialize(JsonParser parser, DeserializationContext context) {
                    return new Money(context.readTree(parser).get("cents").asLong());
                }
            });
            return Transcoder.of(Transcoder.standardJsonMapper().addModule(money).build());
        }
    }

    @Test
    void a_class_the_application_s_transcoder_reads_with_its_own_deserializer_is_accepted() {
        try (Tills tills = new Tills()) {
            Box box = Box.create(new Paid(new Money(150)));

            tills.save(box);

            assertThat(tills.repository().<Box>get(box.id()).version()).isEqualTo(1);
        }
    }

    static final class Unbuildable extends Aggregate<Object> {
        private final String name;

        Unbuildable(String name) {
            this.name = name;
        }

        static Unbuildable create(String name) {
            return create(() -> new Unbuildable(name), Ids.random(), new Square(1));
        }

        @Override
        protected void apply(Object event) {}

        @Override
        public String toString() {
            return name;
        }
    }

    @Test
    void an_aggregate_class_without_a_no_argument_constructor_is_refused_at_its_first_save() {
        Unbuildable aggregate = Unbuildable.create("no default");

        assertThatThrownBy(() -> boxes.save(aggregate)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot save " + Unbuildable.class.getName() + ": the repository could not "
                        + "rebuild it from its events (" + Unbuildable.class.getName() + " needs a no-argument "
                        + "constructor (any visibility)");
        assertThat(boxes.recorder().maxNotificationId()).isZero();
    }

    static final class Holder extends Aggregate<Object> {
        private Object held = "nothing";

        static Holder create() {
            return create(Holder::new, Ids.random(), new Square(1));
        }

        @Override
        protected void apply(Object event) {}
    }

    @Test
    void the_first_snapshot_of_an_aggregate_class_whose_field_cannot_be_read_back_is_refused() {
        Holder holder = Holder.create();
        boxes.save(holder);

        assertThatThrownBy(() -> boxes.takeSnapshot(holder.id())).isInstanceOf(DataException.class)
                .hasMessage("the snapshot of " + Holder.class.getName() + " cannot be stored and read back: field "
                        + "'held' is of type java.lang.Object, which is read back as whatever its JSON looks like (a "
                        + "map, a list, a string): give it a concrete type, or annotate it with @JsonTypeInfo");
        assertThat(boxes.snapshots().orElseThrow().get(holder.id())).isEmpty();
    }

    @Test
    void a_snapshot_of_ordinary_fields_is_stored() {
        Box box = Box.create(new Square(1));
        boxes.save(box);

        boxes.takeSnapshot(box.id());

        assertThat(boxes.snapshots().orElseThrow().get(box.id())).hasSize(1);
    }
}
