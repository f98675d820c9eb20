package io.eventsourcing.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.eventsourcing.application.Application;
import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.Ids;
import io.eventsourcing.persistence.DataException;
import io.eventsourcing.persistence.Transcoder;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AggregateFixtureTest {
    private static final Account.Opened OPENED = new Account.Opened("Alice");

    @Nested
    class passes {
        @Test
        void when_the_command_triggers_the_expected_events() {
            AggregateFixture.of(Account.class)
                    .given(OPENED)
                    .when(account -> account.deposit(new BigDecimal("10.50"), "salary"))
                    .then(new Account.Deposited(new BigDecimal("10.50"), List.of("salary")))
                    .thenState(account -> assertThat(account.balance()).isEqualByComparingTo("10.50"));
        }

        @Test
        void when_a_creation_command_triggers_the_expected_first_event() {
            AggregateOutcome<Account> outcome = AggregateFixture.of(Account.class)
                    .givenNothing()
                    .whenCreated(() -> Account.open("Bob"))
                    .then(new Account.Opened("Bob"))
                    .thenState(account -> assertThat(account.owner()).isEqualTo("Bob"));

            assertThat(outcome.newEvents()).singleElement().satisfies(event -> assertThat(event.originatorVersion()).isEqualTo(1));
        }

        @Test
        void when_the_command_triggers_nothing() {
            AggregateFixture.of(Account.class)
                    .given(OPENED, new Account.Closed())
                    .when(Account::close)
                    .thenNoEvents();
        }

        @Test
        void when_the_command_throws_the_expected_exception() {
            IllegalStateException thrown = AggregateFixture.of(Account.class)
                    .given(OPENED, new Account.Closed())
                    .when(account -> account.deposit(BigDecimal.ONE))
                    .thenThrows(IllegalStateException.class);

            assertThat(thrown).hasMessageEndingWith("is closed");
        }

        @Test
        void with_the_given_id() {
            var id = Ids.nameBased("/accounts/alice");

            AggregateOutcome<Account> outcome = AggregateFixture.of(Account.class)
                    .withId(id)
                    .given(OPENED)
                    .when(Account::close)
                    .then(new Account.Closed());

            assertThat(outcome.newEvents()).singleElement().satisfies(event -> {
                assertThat(event.originatorId()).isEqualTo(id);
                assertThat(event.originatorVersion()).isEqualTo(2);
            });
        }
    }

    @Nested
    class fails_showing_the_difference {
        @Test
        void field_by_field_when_an_event_differs() {
            assertThatThrownBy(() -> AggregateFixture.of(Account.class)
                    .given(OPENED)
                    .when(account -> account.deposit(new BigDecimal("10.50"), "salary", "june"))
                    .then(new Account.Deposited(new BigDecimal("10.05"), List.of("salary", "july"))))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("""
                            Account given [Opened[owner=Alice]]: the new events are not those expected:
                              event 1: Deposited 'amount' expected 10.05 but was 10.50
                              event 1: Deposited 'notes[1]' expected "july" but was "june"
                              expected: [Deposited[amount=10.05, notes=[salary, july]]]
                              actual:   [Deposited[amount=10.50, notes=[salary, june]]]""");
        }

        @Test
        void when_an_event_is_missing_or_one_more_was_triggered() {
            assertThatThrownBy(() -> AggregateFixture.of(Account.class)
                    .given(OPENED)
                    .when(account -> account.deposit(BigDecimal.TEN))
                    .then(new Account.Deposited(BigDecimal.TEN, List.of()), new Account.Closed()))
                    .hasMessageContaining("  event 2: expected Closed[] but there was none");
            assertThatThrownBy(() -> AggregateFixture.of(Account.class)
                    .given(OPENED)
                    .when(account -> {
                        account.deposit(BigDecimal.TEN);
                        account.close();
                    })
                    .then(new Account.Deposited(BigDecimal.TEN, List.of())))
                    .hasMessageContaining("  event 2: unexpected Closed[]");
        }

        @Test
        void when_an_event_of_another_class_was_triggered() {
            assertThatThrownBy(() -> AggregateFixture.of(Account.class)
                    .given(OPENED)
                    .when(Account::close)
                    .then(new Account.Deposited(BigDecimal.TEN, List.of())))
                    .hasMessageContaining("  event 1: expected Deposited[amount=10, notes=[]] but was Closed[]");
        }

        @Test
        void when_the_command_throws_instead() {
            assertThatThrownBy(() -> AggregateFixture.of(Account.class)
                    .given(OPENED)
                    .when(account -> account.deposit(BigDecimal.ZERO))
                    .then(new Account.Deposited(BigDecimal.ZERO, List.of())))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("Account given [Opened[owner=Alice]]: expected the events [Deposited[amount=0, "
                            + "notes=[]]], but it threw java.lang.IllegalArgumentException: a deposit must be "
                            + "positive: 0")
                    .hasCauseInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void when_the_expected_exception_is_not_thrown() {
            assertThatThrownBy(() -> AggregateFixture.of(Account.class)
                    .given(OPENED)
                    .when(account -> account.deposit(BigDecimal.ONE))
                    .thenThrows(IllegalStateException.class))
                    .hasMessage("Account given [Opened[owner=Alice]]: expected java.lang.IllegalStateException to be "
                            + "thrown, but nothing was thrown and it recorded [Deposited[amount=1, notes=[]]]");
            assertThatThrownBy(() -> AggregateFixture.of(Account.class)
                    .givenNothing()
                    .whenCreated(() -> Account.open(" "))
                    .thenThrows(IllegalStateException.class))
                    .hasMessage("a new Account: expected java.lang.IllegalStateException to be thrown, but it threw "
                            + "java.lang.IllegalArgumentException: an account needs an owner");
        }

        @Test
        void when_a_state_check_fails_naming_the_scenario() {
            assertThatThrownBy(() -> AggregateFixture.of(Account.class)
                    .given(OPENED)
                    .when(account -> account.deposit(BigDecimal.ONE))
                    .thenState(account -> assertThat(account.balance()).isEqualByComparingTo("2")))
                    .hasMessageStartingWith("Account given [Opened[owner=Alice]]: ")
                    .hasMessageContaining("expected: 2");
        }
    }

    /** An aggregate whose event cannot be read back: its component is of type Object. */
    static final class Shelf extends Aggregate<Object> {
        record Stocked(Object item) {}

        static Shelf stock(Object item) {
            return create(Shelf::new, Ids.random(), new Stocked(item));
        }

        @Override
        protected void apply(Object event) {}
    }

    @Test
    void events_that_could_not_be_saved_fail_every_expectation() {
        assertThatThrownBy(() -> AggregateFixture.of(Shelf.class)
                .givenNothing()
                .whenCreated(() -> Shelf.stock("apples"))
                .then(new Shelf.Stocked("apples")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("but its events could not be recorded: ")
                .hasMessageContaining("'item' is of type java.lang.Object")
                .hasCauseInstanceOf(DataException.class);
    }

    /** Coins Jackson can write but, without the application's mix-in naming their creator, not read. */
    static final class Coins {
        private final long count;

        Coins(long count) {
            this.count = count;
        }

        public long getCount() {
            return count;
        }
    }

    /** The creator of {@link Coins}, as the application's transcoder learns it. */
    abstract static class CoinsCreator {
        @JsonCreator
        CoinsCreator(@JsonProperty("count") long count) {}
    }

    /** An aggregate whose event holds coins. */
    static final class Till extends Aggregate<Till.Paid> {
        record Paid(Coins coins) {}

        static Till pay(long count) {
            return create(Till::new, Ids.random(), new Paid(new Coins(count)));
        }

        @Override
        protected void apply(Paid event) {}
    }

    /** An application whose transcoder knows how to build coins. */
    static final class Shop extends Application {
        Shop(Map<String, String> env) {
            super(env);
        }

        @Override
        protected Transcoder transcoder() {
            return Transcoder.of(Transcoder.standardJsonMapper().addMixIn(Coins.class, CoinsCreator.class).build());
        }
    }

    @Test
    void the_events_are_written_and_read_by_the_transcoder_of_the_application_given() {
        AggregateFixture.of(Till.class, Shop::new)
                .givenNothing()
                .whenCreated(() -> Till.pay(150))
                .thenState(till -> assertThat(till.version()).isEqualTo(1));
        assertThatThrownBy(() -> AggregateFixture.of(Till.class)
                .givenNothing()
                .whenCreated(() -> Till.pay(150))
                .thenState(till -> assertThat(till.version()).isEqualTo(1)))
                .hasMessageContaining("its events could not be recorded")
                .hasMessageContaining("reading 'coins' back failed");
    }

    @Test
    void a_command_needs_given_events_and_a_creation_needs_none() {
        assertThatThrownBy(() -> AggregateFixture.of(Account.class).givenNothing().when(Account::close))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no events were given, so there is no Account to run the command on");
        assertThatThrownBy(() -> AggregateFixture.of(Account.class).given(OPENED).whenCreated(() -> Account.open("Bob")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Account exists already");
    }

    @Test
    void given_events_that_do_not_rebuild_the_aggregate_are_reported() {
        assertThatThrownBy(() -> AggregateFixture.of(Account.class)
                .given("not an event of an account")
                .when(Account::close))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the given events do not rebuild a Account");
    }
}
