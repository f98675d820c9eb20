package io.eventsourcing.examples.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.application.Application;
import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.Ids;
import io.eventsourcing.persistence.DataException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The README's events checked at their first save: a payload that cannot be read back, an unbuildable aggregate. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReadBackTest {

    static class Kennel extends Aggregate<Kennel.Event> {
        sealed interface Event permits Opened, Noted {}

        record Opened(String name) implements Event {}

        // tag::unreadable-event[]
        record Noted(String dog, Object note) implements Event {}   // Object: read back as a map or a string
        // end::unreadable-event[]

        static Kennel open(String name) {
            return create(Kennel::new, Ids.nameBased("/kennels/" + name), new Opened(name));
        }

        void note(String dog, Object note) {
            trigger(new Noted(dog, note));
        }

        @Override
        protected void apply(Event event) {}
    }

    /** An aggregate the repository could not rebuild: its only constructor takes an argument. */
    static class Crate extends Aggregate<Kennel.Opened> {
        Crate(String label) {}

        static Crate make(String label) {
            return create(() -> new Crate(label), Ids.random(), new Kennel.Opened(label));
        }

        @Override
        protected void apply(Kennel.Opened event) {}
    }

    static class Kennels extends Application {
        Kennels() {
            super(Map.of("PERSISTENCE_MODULE", "memory"));
        }
    }

    private final Kennels kennels = new Kennels();

    @AfterEach
    void close() {
        kennels.close();
    }

    @Test
    void an_event_class_that_cannot_be_read_back_is_refused_at_its_first_save() {
        // tag::unreadable-event-refused[]
        Kennel kennel = Kennel.open("North");
        kennel.note("Fido", "likes the sofa");

        assertThatThrownBy(() -> kennels.save(kennel))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("Kennel$Noted cannot be stored as an event and read back: "
                        + "'note' is of type java.lang.Object");
        assertThat(kennels.recorder().maxNotificationId()).isZero();    // nothing of the save is stored
        // end::unreadable-event-refused[]
    }

    @Test
    void an_aggregate_class_without_a_no_argument_constructor_is_refused_at_its_first_save() {
        assertThatThrownBy(() -> kennels.save(Crate.make("small")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot save " + Crate.class.getName() + ": the repository could not rebuild it")
                .hasMessageContaining("needs a no-argument constructor");
    }
}
