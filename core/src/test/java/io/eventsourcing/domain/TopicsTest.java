package io.eventsourcing.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.domain.outside.Closed;
import io.eventsourcing.domain.outside.Ledger;
import io.eventsourcing.domain.outside.LedgerEvent;
import io.eventsourcing.domain.outside.Tripwire;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TopicsTest {
    record Unregistered() {}

    record Renamed() {}

    record Other() {}

    @Test
    void a_class_is_stored_under_its_binary_name_by_default() {
        assertThat(Topics.of(Unregistered.class)).isEqualTo("io.eventsourcing.domain.TopicsTest$Unregistered");
        assertThat(Topics.resolve("io.eventsourcing.domain.TopicsTest$Unregistered")).isEqualTo(Unregistered.class);
    }

    @Test
    void the_first_registered_name_is_written_and_later_ones_still_resolve() {
        Topics.register("tests.Renamed", Renamed.class);
        Topics.register("com.old.Place$Renamed", Renamed.class);

        assertThat(Topics.of(Renamed.class)).isEqualTo("tests.Renamed");
        assertThat(Topics.resolve("tests.Renamed")).isEqualTo(Renamed.class);
        assertThat(Topics.resolve("com.old.Place$Renamed")).isEqualTo(Renamed.class);
    }

    @Test
    void a_name_cannot_be_registered_for_two_classes() {
        Topics.register("tests.Taken", Other.class);

        assertThatThrownBy(() -> Topics.register("tests.Taken", Unregistered.class))
                .isInstanceOf(TopicException.class)
                .hasMessageContaining("tests.Taken").hasMessageContaining(Other.class.getName());
    }

    @Test
    void an_unknown_topic_fails_naming_the_topic_and_how_to_register_it() {
        assertThatThrownBy(() -> Topics.resolve("com.gone.Dog$Registered"))
                .isInstanceOf(TopicException.class)
                .hasMessageContaining("com.gone.Dog$Registered")
                .hasMessageContaining("Topics.register(\"com.gone.Dog$Registered\"");
    }

    static final class Shelf extends Aggregate<Shelf.Event> {
        sealed interface Event permits Stocked {}

        record Stocked() implements Event {}

        @Override
        protected void apply(Event event) {}
    }

    @Nested
    class A_stored_topic_resolves_only_to_a_class_the_application_reads {

        @Test
        void not_to_a_platform_class() {
            assertThatThrownBy(() -> Topics.resolve("java.util.HashMap"))
                    .isInstanceOf(TopicException.class)
                    .hasMessageStartingWith("topic 'java.util.HashMap' names java.util.HashMap, which is not an event "
                            + "or aggregate type this application reads")
                    .hasMessageContaining("Topics.register(\"java.util.HashMap\", HashMap.class)");
            assertThatThrownBy(() -> Topics.resolve("java.lang.Runtime")).isInstanceOf(TopicException.class);
            assertThatThrownBy(() -> Topics.resolve("[Ljava.lang.String;")).isInstanceOf(TopicException.class);
        }

        @Test
        void and_a_refused_class_is_never_initialised() {
            assertThatThrownBy(() -> Topics.resolve(Tripwire.class.getName())).isInstanceOf(TopicException.class);

            assertThat(System.getProperty(Tripwire.INITIALISED)).as("Tripwire's static initialiser ran").isNull();
        }

        @Test
        void to_an_aggregate_and_to_the_events_declared_inside_an_aggregate() {
            assertThat(Topics.resolve(Shelf.class.getName())).isEqualTo(Shelf.class);
            assertThat(Topics.resolve(Shelf.Stocked.class.getName())).isEqualTo(Shelf.Stocked.class);
            assertThat(Topics.resolve(Discarded.class.getName())).isEqualTo(Discarded.class);
        }

        @Test
        void to_the_events_of_an_aggregate_declared_outside_it_once_the_aggregate_is_known() {
            assertThatThrownBy(() -> Topics.resolve(Closed.class.getName())).isInstanceOf(TopicException.class);

            assertThat(Topics.resolve(Ledger.class.getName())).isEqualTo(Ledger.class);

            assertThat(Topics.resolve(Closed.class.getName())).isEqualTo(Closed.class);
            assertThat(Topics.resolve(LedgerEvent.Opened.class.getName())).isEqualTo(LedgerEvent.Opened.class);
        }

        @Test
        void to_a_class_registered_or_written_by_this_process() {
            record Written() {}
            record Aliased() {}
            Topics.register("tests.Aliased", Aliased.class);

            assertThat(Topics.resolve(Topics.of(Written.class))).isEqualTo(Written.class);
            assertThat(Topics.resolve(Aliased.class.getName())).isEqualTo(Aliased.class);
        }
    }
}
