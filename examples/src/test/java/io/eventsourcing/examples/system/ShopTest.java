package io.eventsourcing.examples.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.application.Application;
import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.domain.Topics;
import io.eventsourcing.examples.Eventually;
import io.eventsourcing.examples.system.Order.Status;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.system.EventProcessingException;
import io.eventsourcing.system.EventSourcingSystem;
import io.eventsourcing.system.MultiThreadedRunner;
import io.eventsourcing.system.SingleThreadedRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ShopTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path directory;

    private Map<String, String> env(String backend) {
        return switch (backend) {
            case "memory" -> Map.of("PERSISTENCE_MODULE", "memory");
            case "sqlite" -> Map.of("PERSISTENCE_MODULE", "sqlite",
                    "SQLITE_DBNAME", directory.resolve("shop.db").toString());
            default -> throw new IllegalArgumentException(backend);
        };
    }

    @Nested
    class the_system {
        @Test
        void makes_each_application_of_a_pipe_follow_the_one_before() {
            EventSourcingSystem system = Shop.SYSTEM;

            assertThat(system.nodes()).containsExactly(Orders.class, Reservations.class, Payments.class);
            assertThat(system.leadersOf(Reservations.class)).containsExactly(Orders.class);
            assertThat(system.leadersOf(Orders.class)).containsExactly(Reservations.class);
            assertThat(system.leadersOf(Payments.class)).containsExactly(Orders.class);
            assertThat(system.followers()).containsExactly(Reservations.class, Orders.class, Payments.class);
        }

        @Test
        void refuses_a_follower_that_is_not_a_process_application() {
            assertThatThrownBy(() -> EventSourcingSystem.of(List.of(Orders.class, Application.class)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must extend ProcessApplication");
        }
    }

    @Nested
    class with_the_single_threaded_runner {
        @Test
        void an_order_is_reserved_decided_and_charged_before_placing_it_returns() {
            // tag::single-threaded-runner[]
            try (var runner = new SingleThreadedRunner(Shop.SYSTEM, Map.of("PERSISTENCE_MODULE", "memory"))) {
                runner.start();
                runner.get(Reservations.class).addStock("apples", 10);
                Orders orders = runner.get(Orders.class);

                UUID small = orders.placeOrder("apples", 3, 50);   // the followers run before this returns
                UUID large = orders.placeOrder("apples", 8, 50);   // only 7 apples left

                assertThat(orders.status(small)).isEqualTo(Order.Status.CONFIRMED);
                assertThat(orders.status(large)).isEqualTo(Order.Status.REJECTED);
                assertThat(runner.get(Payments.class).charged(small)).hasValue(150);
                assertThat(runner.get(Payments.class).charged(large)).isEmpty();
                assertThat(runner.get(Reservations.class).stock("apples").available()).isEqualTo(7);
            }
            // end::single-threaded-runner[]
        }

        @Test
        void a_failing_policy_reaches_the_caller_of_save_and_the_event_is_processed_again_later() {
            try (var runner = new SingleThreadedRunner(EventSourcingSystem.of(List.of(Orders.class, Squeamish.class)),
                    env("memory"))) {
                runner.start();
                Orders orders = runner.get(Orders.class);

                assertThatThrownBy(() -> orders.placeOrder("durians", 1, 900))
                        .isInstanceOf(EventProcessingException.class)
                        .hasMessageContaining("Squeamish failed to process Orders notification 1 (Placed of ")
                        .hasRootCauseMessage("durians? no, thank you");
                assertThat(orders.recorder().maxNotificationId()).isEqualTo(1);          // the order is recorded
                assertThat(runner.get(Squeamish.class).recorder().maxTrackingId("Orders")).isZero();
                assertThatThrownBy(() -> orders.placeOrder("apples", 1, 50))            // tried again, fails again
                        .isInstanceOf(EventProcessingException.class)
                        .hasMessageContaining("Orders notification 1 ");
                assertThat(orders.recorder().maxNotificationId()).isEqualTo(2);
            }
        }

        @Test
        void each_follower_records_how_far_it_has_processed_each_leader() {
            try (var runner = new SingleThreadedRunner(Shop.SYSTEM, env("memory"))) {
                runner.start();
                runner.get(Reservations.class).addStock("pears", 5);      // Reservations 1: stocked
                Orders orders = runner.get(Orders.class);
                orders.placeOrder("pears", 1, 80);                        // Orders 1, Reservations 2, Orders 2

                assertThat(runner.get(Reservations.class).recorder().maxTrackingId("Orders")).isEqualTo(1);
                assertThat(orders.recorder().maxTrackingId("Reservations")).isEqualTo(2);
                assertThat(runner.get(Payments.class).recorder().maxTrackingId("Orders")).isEqualTo(2);
                assertThat(orders.recorder().maxNotificationId()).isEqualTo(2);
            }
        }

        @Test
        void a_restarted_runner_processes_what_was_recorded_while_no_runner_ran() {
            Map<String, String> env = env("sqlite");
            try (var runner = new SingleThreadedRunner(Shop.SYSTEM, env)) {
                runner.start();
                runner.get(Reservations.class).addStock("apples", 10);
            }
            UUID order;
            try (var orders = new Orders(env)) {                        // placed, but nobody follows
                order = orders.placeOrder("apples", 2, 30);
                assertThat(orders.status(order)).isEqualTo(Status.PLACED);
            }

            try (var runner = new SingleThreadedRunner(Shop.SYSTEM, env)) {
                runner.start();                                          // catches up before it returns

                assertThat(runner.get(Orders.class).status(order)).isEqualTo(Status.CONFIRMED);
                assertThat(runner.get(Payments.class).charged(order)).hasValue(60);
            }
        }
    }

    @Nested
    class with_the_multi_threaded_runner {
        @Test
        @Timeout(60)
        void the_followers_work_on_their_own_threads_and_can_be_waited_for() {
            Path file = directory.resolve("shop.db");
            // tag::multi-threaded-runner[]
            Map<String, String> env = Map.of("PERSISTENCE_MODULE", "sqlite", "SQLITE_DBNAME", file.toString());
            try (var runner = new MultiThreadedRunner(Shop.SYSTEM, env)) {
                runner.start();                 // one virtual thread per (leader, follower) pair
                runner.get(Reservations.class).addStock("apples", 10);   // Reservations notification 1
                Orders orders = runner.get(Orders.class);

                UUID order = orders.placeOrder("apples", 3, 50);         // Orders 1; the followers run meanwhile
                runner.waitFor(Reservations.class, Orders.class, 1, Duration.ofSeconds(10));   // Reservations 2
                runner.waitFor(Orders.class, Reservations.class, 2, Duration.ofSeconds(10));   // Orders 2: Confirmed
                runner.waitFor(Payments.class, Orders.class, 2, Duration.ofSeconds(10));       // charged

                assertThat(orders.status(order)).isEqualTo(Order.Status.CONFIRMED);
                assertThat(runner.get(Payments.class).charged(order)).hasValue(150);
            }
            // end::multi-threaded-runner[]
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"memory", "sqlite"})
        @Timeout(60)
        void orders_placed_by_several_threads_are_each_decided_and_charged_exactly_once(String backend)
                throws Exception {
            try (var runner = new MultiThreadedRunner(Shop.SYSTEM, env(backend))) {
                runner.start();
                runner.get(Reservations.class).addStock("apples", 100);
                Orders orders = runner.get(Orders.class);
                Payments payments = runner.get(Payments.class);

                List<UUID> placed = placeConcurrently(orders, 3, 10, "apples", 5, 20);   // 150 asked, 100 there
                Eventually.until("every order is decided and every confirmed one charged", TIMEOUT,
                        () -> placed.stream().allMatch(id -> switch (orders.status(id)) {
                            case PLACED -> false;
                            case CONFIRMED -> payments.charged(id).isPresent();
                            case REJECTED -> true;
                        }), () -> "; runner error: " + runner.error());

                List<UUID> confirmed = placed.stream().filter(id -> orders.status(id) == Status.CONFIRMED).toList();
                assertThat(confirmed).hasSize(20);
                assertThat(runner.get(Reservations.class).stock("apples").available()).isZero();
                assertThat(runner.get(Reservations.class).stock("apples").reservedFor())
                        .containsExactlyInAnyOrderElementsOf(confirmed);
                assertThat(chargedOrders(payments)).containsExactlyInAnyOrderElementsOf(confirmed);
                assertThat(confirmed).allSatisfy(id -> assertThat(payments.charged(id)).hasValue(100));
                assertThat(runner.error()).isNull();
            }
        }

        @Test
        @Timeout(60)
        void a_restarted_runner_catches_up_then_follows_without_processing_anything_twice() throws Exception {
            Map<String, String> env = env("sqlite");
            List<UUID> placed = new ArrayList<>();
            try (var runner = new MultiThreadedRunner(Shop.SYSTEM, env)) {
                runner.start();
                runner.get(Reservations.class).addStock("apples", 100);
                placed.addAll(placeConcurrently(runner.get(Orders.class), 2, 5, "apples", 1, 10));
            }                                                   // stops, possibly before all is processed

            placeWhileStoppedThenCatchUp(env, placed);
        }
    }

    /**
     * Places five orders of one apple while no runner runs, then starts a runner, places one more, and
     * checks that every order placed (those given too) was reserved, confirmed and charged exactly once.
     */
    static void placeWhileStoppedThenCatchUp(Map<String, String> env, List<UUID> placed) {
        try (var orders = new Orders(env)) {
            for (int i = 0; i < 5; i++) {
                placed.add(orders.placeOrder("apples", 1, 10));
            }
        }
        try (var runner = new MultiThreadedRunner(Shop.SYSTEM, env)) {
            runner.start();
            Orders orders = runner.get(Orders.class);
            Payments payments = runner.get(Payments.class);
            placed.add(orders.placeOrder("apples", 1, 10));
            Eventually.until("all " + placed.size() + " orders are charged", TIMEOUT,
                    () -> placed.stream().allMatch(id -> payments.charged(id).isPresent()),
                    () -> "; runner error: " + runner.error());

            assertThat(placed).allSatisfy(id -> assertThat(orders.status(id)).isEqualTo(Status.CONFIRMED));
            assertThat(chargedOrders(payments)).containsExactlyInAnyOrderElementsOf(placed);
            assertThat(runner.get(Reservations.class).stock("apples").reservedFor())
                    .containsExactlyInAnyOrderElementsOf(placed);
            assertThat(originators(orders, Order.Confirmed.class)).containsExactlyInAnyOrderElementsOf(placed);
            assertThat(runner.error()).isNull();
        }
    }

    /** Places orders from several threads at once. */
    static List<UUID> placeConcurrently(Orders orders, int threads, int ordersEach, String item, int quantity,
            long priceInCents) throws Exception {
        List<UUID> placed = Collections.synchronizedList(new ArrayList<>());
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            tasks.add(() -> {
                for (int i = 0; i < ordersEach; i++) {
                    placed.add(orders.placeOrder(item, quantity, priceInCents));
                }
                return null;
            });
        }
        try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
            for (Future<Void> done : executor.invokeAll(tasks)) {
                done.get();
            }
        }
        return List.copyOf(placed);
    }

    /** The orders of every payment in the log, once per payment event. */
    static List<UUID> chargedOrders(Payments payments) {
        return events(payments, Payment.Charged.class).stream()
                .map(event -> event.payload(Payment.Charged.class).orderId())
                .toList();
    }

    /** The originators of every event of a type in an application's log, once per event. */
    static List<UUID> originators(Application application, Class<?> type) {
        return events(application, type).stream().map(DomainEvent::originatorId).toList();
    }

    /** Every event of a type in an application's log. */
    static List<DomainEvent> events(Application application, Class<?> type) {
        List<DomainEvent> found = new ArrayList<>();
        long next = 1;
        List<Notification> batch;
        do {
            batch = application.notificationLog().select(next, 10, null, Set.of(Topics.of(type)));
            for (Notification notification : batch) {
                found.add(application.mapper().toDomainEvent(notification.toStoredEvent()));
                next = notification.id() + 1;
            }
        } while (!batch.isEmpty());
        return found;
    }
}
