package io.eventsourcing.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.persistence.Tracking;
import io.eventsourcing.persistence.TrackingRecorder;
import io.eventsourcing.persistence.memory.InMemoryTrackingRecorder;
import io.eventsourcing.system.Projection;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ProjectionFixtureTest {

    /** Deposits by account, in memory; each change records its position first, so a recorded one is refused. */
    static class Balances implements TrackingRecorder {
        private final InMemoryTrackingRecorder tracking = new InMemoryTrackingRecorder();
        final Map<UUID, BigDecimal> balances = new HashMap<>();

        synchronized void add(UUID account, BigDecimal amount, Tracking position) {
            tracking.insertTracking(position);
            balances.merge(account, amount, BigDecimal::add);
        }

        synchronized BigDecimal balance(UUID account) {
            return balances.getOrDefault(account, BigDecimal.ZERO);
        }

        @Override
        public void insertTracking(Tracking position) {
            tracking.insertTracking(position);
        }

        @Override
        public long maxTrackingId(String applicationName) {
            return tracking.maxTrackingId(applicationName);
        }
    }

    /** Forgets to record the position: a view that would count an event twice after a crash. */
    static final class Forgetful extends Balances {
        @Override
        synchronized void add(UUID account, BigDecimal amount, Tracking position) {
            balances.merge(account, amount, BigDecimal::add);
        }
    }

    static final class Balancing extends Projection<Balances> {
        Balancing(Balances view) {
            super(view);
        }

        @Override
        public Set<Class<?>> types() {
            return Set.of(Account.Deposited.class);
        }

        @Override
        public void process(DomainEvent event, Tracking tracking) {
            if (event.payload() instanceof Account.Deposited deposited) {
                if (deposited.amount().signum() < 0) {
                    throw new IllegalArgumentException("a negative deposit");
                }
                view().add(event.originatorId(), deposited.amount(), tracking);
            }
        }
    }

    private static Account.Deposited deposited(String amount) {
        return new Account.Deposited(new BigDecimal(amount), List.of());
    }

    @Test
    void passes_when_the_view_is_as_expected_and_refuses_the_same_event_again() {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        Balances balances = new Balances();

        ProjectionFixture.of(new Balancing(balances))
                .given(alice, new Account.Opened("Alice"), deposited("10"))
                .given(bob, new Account.Opened("Bob"), deposited("5"))
                .when(alice, deposited("2.50"))
                .then(view -> {
                    assertThat(view.balance(alice)).isEqualByComparingTo("12.50");
                    assertThat(view.balance(bob)).isEqualByComparingTo("5");
                })
                .thenProcessedOnce()
                .then(view -> assertThat(view.balance(alice)).isEqualByComparingTo("12.50"));

        assertThat(balances.maxTrackingId("Application")).isEqualTo(5);
    }

    @Test
    void events_of_types_the_projection_does_not_read_are_not_processed() {
        Balances balances = new Balances();

        ProjectionFixture.of(new Balancing(balances)).from("Accounts")
                .given(new Account.Opened("Alice"))
                .when(new Account.Closed())
                .then(view -> assertThat(view.maxTrackingId("Accounts")).isZero());
    }

    @Test
    void fails_when_the_view_does_not_record_the_position_with_its_change() {
        assertThatThrownBy(() -> ProjectionFixture.of(new Balancing(new Forgetful()))
                .when(deposited("1"))
                .thenProcessedOnce())
                .isInstanceOf(AssertionError.class)
                .hasMessage("Balancing given [] when Deposited[amount=1, notes=[]]: the view did not record the "
                        + "event's position Tracking[applicationName=Application, notificationId=1] (its mark is 0): "
                        + "record it with the change, in one transaction");
    }

    @Test
    void fails_naming_the_scenario_when_a_check_of_the_view_fails() {
        assertThatThrownBy(() -> ProjectionFixture.of(new Balancing(new Balances()))
                .given(deposited("1"))
                .when(deposited("2"))
                .then(view -> assertThat(view.maxTrackingId("Application")).isEqualTo(3)))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Balancing given [Deposited[amount=1, notes=[]]] when Deposited[amount=2, "
                        + "notes=[]]: ");
    }

    @Test
    void passes_when_processing_throws_the_expected_exception() {
        assertThat(ProjectionFixture.of(new Balancing(new Balances()))
                .when(deposited("-1"))
                .thenThrows(IllegalArgumentException.class))
                .hasMessage("a negative deposit");
    }

    @Test
    void a_given_event_that_fails_is_reported() {
        assertThatThrownBy(() -> ProjectionFixture.of(new Balancing(new Balances())).given(deposited("-1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Balancing failed to process the given event Deposited[amount=-1, notes=[]]: a negative "
                        + "deposit");
    }
}
