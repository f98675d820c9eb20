package io.eventsourcing.examples.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsourcing.examples.Eventually;
import io.eventsourcing.messaging.fixtures.JavaProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the broker examples' tests check once the leader has placed its first order through the broker. */
final class BrokerExamples {
    private BrokerExamples() {}

    /**
     * Places a second order, then waits, reading the follower's database from this JVM, until the
     * follower in the other JVM has reserved apples for both orders, in order, and printed no error.
     */
    static void placeAnotherAndAwaitBothReserved(Orders orders, UUID first, Map<String, String> followerEnv,
            JavaProcess follower) {
        List<UUID> placed = List.of(first, orders.placeOrder("apples", 4, 50));
        try (var reservations = new Reservations(followerEnv)) {
            Eventually.until("the follower reserves apples for both orders", Duration.ofSeconds(90),
                    () -> reservations.stock("apples").reservedFor().size() == 2,
                    () -> "; the follower printed:\n" + follower.output());
            assertThat(reservations.stock("apples").reservedFor()).containsExactlyElementsOf(placed);
            assertThat(reservations.stock("apples").available()).isEqualTo(3);
        }
        assertThat(follower.output()).doesNotContain(" ERROR ");
    }
}
