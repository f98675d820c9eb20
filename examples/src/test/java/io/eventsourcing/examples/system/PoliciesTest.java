package io.eventsourcing.examples.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsourcing.domain.Ids;
import io.eventsourcing.test.PolicyFixture;
import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The shop's policies one event at a time, with the given/when/then fixture, without a runner. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PoliciesTest {

    @Nested
    class reservations {
        @Test
        void reserve_the_stock_of_a_placed_order_when_there_is_enough() {
            // tag::policy-fixture[]
            UUID order = Ids.random();
            PolicyFixture.of(Reservations::new)
                    .given(reservations -> reservations.addStock("apples", 10))   // the follower's own state
                    .when(order, new Order.Placed("apples", 3, 50))               // an event of its leader
                    .then(new Stock.Reserved(order, 3))                           // what its policy recorded
                    .thenState(reservations -> assertThat(reservations.stock("apples").available()).isEqualTo(7));
            // end::policy-fixture[]
        }

        @Test
        void refuse_an_order_for_more_than_there_is() {
            UUID order = Ids.random();
            PolicyFixture.of(Reservations::new)
                    .given(reservations -> reservations.addStock("apples", 2))
                    .when(order, new Order.Placed("apples", 3, 50))
                    .then(new Stock.Refused(order, 3, 2));
        }

        @Test
        void refuse_an_order_for_an_item_never_stocked_recording_its_empty_stock() {
            UUID order = Ids.random();
            PolicyFixture.of(Reservations::new)
                    .when(order, new Order.Placed("durians", 1, 900))
                    .then(new Stock.Added("durians", 0), new Stock.Refused(order, 1, 0));
        }
    }

    @Nested
    class orders {
        @Test
        void confirm_an_order_once_its_stock_is_reserved() {
            // tag::policy-fixture-given-events[]
            UUID order = Ids.random();
            PolicyFixture.of(Orders::new)
                    .given(Order.class, order, new Order.Placed("apples", 3, 50))   // past events of its own aggregate
                    .when(new Stock.Reserved(order, 3))
                    .then(new Order.Confirmed(150));
            // end::policy-fixture-given-events[]
        }

        @Test
        void reject_an_order_whose_stock_was_refused() {
            UUID order = Ids.random();
            PolicyFixture.of(Orders::new)
                    .given(Order.class, order, new Order.Placed("apples", 3, 50))
                    .when(new Stock.Refused(order, 3, 2))
                    .then(new Order.Rejected("only 2 in stock"));
        }

        @Test
        void do_not_decide_an_order_twice() {
            UUID order = Ids.random();
            IllegalStateException refused = PolicyFixture.of(Orders::new)
                    .given(Order.class, order, new Order.Placed("apples", 3, 50), new Order.Confirmed(150))
                    .when(new Stock.Refused(order, 3, 2))
                    .thenThrows(IllegalStateException.class);

            assertThat(refused).hasMessageContaining("it is CONFIRMED already, and an order is decided once");
        }
    }

    @Test
    void payments_charge_a_confirmed_order() {
        UUID order = Ids.random();
        PolicyFixture.of(Payments::new)
                .when(order, new Order.Confirmed(150))
                .then(new Payment.Charged(order, 150))
                .thenState(payments -> assertThat(payments.charged(order)).hasValue(150));
    }
}
