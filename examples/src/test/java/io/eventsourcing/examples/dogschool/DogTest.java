package io.eventsourcing.examples.dogschool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.test.AggregateFixture;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The dog on its own, with the given/when/then fixture: given its past events, when a command, then its new events. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DogTest {

    @Test
    void a_registered_dog_learns_a_trick() {
        // tag::aggregate-fixture[]
        AggregateFixture.of(Dog.class)
                .given(new Dog.Registered("Fido"))                    // its past events
                .when(dog -> dog.addTrick("roll over"))               // a command
                .then(new Dog.TrickAdded("roll over"))                // exactly these new events
                .thenState(dog -> assertThat(dog.tricks()).containsExactly("roll over"));
        // end::aggregate-fixture[]
    }

    @Test
    void a_new_dog_knows_no_tricks() {
        // tag::aggregate-fixture-creation[]
        AggregateFixture.of(Dog.class)
                .givenNothing()
                .whenCreated(() -> Dog.register("Fido"))
                .then(new Dog.Registered("Fido"))
                .thenState(dog -> assertThat(dog.tricks()).isEmpty());
        // end::aggregate-fixture-creation[]
    }

    @Test
    void tricks_are_learnt_in_order() {
        AggregateFixture.of(Dog.class)
                .given(new Dog.Registered("Fido"), new Dog.TrickAdded("roll over"))
                .when(dog -> dog.addTrick("play dead"))
                .then(new Dog.TrickAdded("play dead"))
                .thenState(dog -> assertThat(dog.tricks()).containsExactly("roll over", "play dead"));
    }

    @Test
    void an_unexpected_event_is_shown_field_by_field() {
        // tag::aggregate-fixture-failure[]
        assertThatThrownBy(() -> AggregateFixture.of(Dog.class)
                .given(new Dog.Registered("Fido"))
                .when(dog -> dog.addTrick("play dead"))
                .then(new Dog.TrickAdded("roll over")))
                .isInstanceOf(AssertionError.class)
                .hasMessage("""
                        Dog given [Registered[name=Fido]]: the new events are not those expected:
                          event 1: TrickAdded 'trick' expected "roll over" but was "play dead"
                          expected: [TrickAdded[trick=roll over]]
                          actual:   [TrickAdded[trick=play dead]]""");
        // end::aggregate-fixture-failure[]
    }
}
