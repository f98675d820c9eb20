package io.eventsourcing.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.domain.Ids;
import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PolicyFixtureTest {

    @Test
    void passes_when_the_policy_records_the_expected_events() {
        PolicyOutcome<Welcomes> outcome = PolicyFixture.of(Welcomes::new)
                .when(new Account.Opened("Alice"))
                .then(new Welcomes.Letter.Written("Alice", "Welcome, Alice"))
                .thenState(welcomes -> assertThat(welcomes.wrote("Alice")).isTrue());

        assertThat(outcome.newEvents()).singleElement()
                .satisfies(event -> assertThat(event.originatorId()).isEqualTo(Welcomes.Letter.id("Alice")));
    }

    @Test
    void the_follower_state_is_given_by_its_commands_or_by_past_events_of_its_aggregates() {
        PolicyFixture.of(Welcomes::new)
                .given(welcomes -> welcomes.write("Alice", "Hello"))
                .when(new Account.Opened("Alice"))
                .thenNoEvents();
        PolicyFixture.of(Welcomes::new)
                .given(Welcomes.Letter.class, Welcomes.Letter.id("Bob"), new Welcomes.Letter.Written("Bob", "Hi"))
                .when(new Account.Opened("Bob"))
                .thenNoEvents();
    }

    @Test
    void the_upstream_event_has_the_given_aggregate_id_and_the_leader_s_next_position() {
        UUID account = Ids.random();
        PolicyFixture<Welcomes> fixture = PolicyFixture.of(Welcomes::new).from("Accounts");

        fixture.when(account, new Account.Opened("Carol")).then(new Welcomes.Letter.Written("Carol", "Welcome, Carol"));

        assertThat(fixture.application().recorder().maxTrackingId("Accounts")).isEqualTo(1);
    }

    @Test
    void passes_when_the_policy_throws_the_expected_exception_and_then_nothing_is_recorded() {
        IllegalArgumentException thrown = PolicyFixture.of(Welcomes::new)
                .when(new Account.Opened("nobody"))
                .thenThrows(IllegalArgumentException.class);

        assertThat(thrown).hasMessage("nobody cannot be written to");
    }

    @Test
    void fails_showing_which_field_of_which_event_differs() {
        assertThatThrownBy(() -> PolicyFixture.of(Welcomes::new)
                .when(new Account.Opened("Alice"))
                .then(new Welcomes.Letter.Written("Alice", "Dear Alice")))
                .isInstanceOf(AssertionError.class)
                .hasMessage("""
                        Welcomes's policy for Opened[owner=Alice]: the new events are not those expected:
                          event 1: Written 'text' expected "Dear Alice" but was "Welcome, Alice"
                          expected: [Written[to=Alice, text=Dear Alice]]
                          actual:   [Written[to=Alice, text=Welcome, Alice]]""");
    }

    @Test
    void fails_when_the_policy_throws_instead() {
        assertThatThrownBy(() -> PolicyFixture.of(Welcomes::new)
                .when(new Account.Opened("nobody"))
                .thenNoEvents())
                .hasMessage("Welcomes's policy for Opened[owner=nobody]: expected the events [], but it threw "
                        + "java.lang.IllegalArgumentException: nobody cannot be written to");
    }
}
