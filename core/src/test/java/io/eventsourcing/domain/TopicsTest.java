package io.eventsourcing.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
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
}
