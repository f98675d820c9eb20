package io.eventsourcing.examples.system;

import static io.eventsourcing.examples.system.ShopTest.chargedOrders;
import static io.eventsourcing.examples.system.ShopTest.originators;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventsourcing.examples.Eventually;
import io.eventsourcing.examples.Postgres;
import io.eventsourcing.messaging.fixtures.JavaProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Following across processes through the database: the shop's system runs in a second JVM
 * ({@link ShopProcess}) while this one places the orders, on the same database.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TwoProcessesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path directory;

    @Test
    @Timeout(240)
    void a_system_in_another_process_follows_the_orders_placed_here_on_a_shared_sqlite_file() throws Exception {
        placeOrdersBesideTheShopProcess(Map.of("PERSISTENCE_MODULE", "sqlite",
                "SQLITE_DBNAME", directory.resolve("shop.db").toString()));
    }

    @Test
    @Timeout(240)
    void a_system_in_another_process_follows_the_orders_placed_here_on_postgresql() throws Exception {
        placeOrdersBesideTheShopProcess(Postgres.env("examples_two_processes"));
    }

    /**
     * Places orders while a shop process runs, then while none runs, then while a new one runs; each
     * order must be reserved, decided and charged exactly once.
     */
    private void placeOrdersBesideTheShopProcess(Map<String, String> env) throws Exception {
        try (var reservations = new Reservations(env)) {
            reservations.addStock("apples", 100);        // before any follower runs, so nothing races it
        }
        List<UUID> confirmed = new ArrayList<>();
        List<UUID> rejected = new ArrayList<>();

        try (var shop = JavaProcess.start(ShopProcess.class, env)) {
            shop.awaitLine("ready", TIMEOUT);
            try (var orders = new Orders(env)) {
                for (int i = 0; i < 8; i++) {
                    confirmed.add(orders.placeOrder("apples", 2, 25));
                }
                rejected.add(orders.placeOrder("apples", 1000, 25));
                awaitDecided(env, confirmed, rejected, shop);
            }
        }
        try (var orders = new Orders(env)) {            // while no shop process runs
            for (int i = 0; i < 4; i++) {
                confirmed.add(orders.placeOrder("apples", 1, 25));
            }
        }
        try (var shop = JavaProcess.start(ShopProcess.class, env)) {
            shop.awaitLine("ready", TIMEOUT);                    // caught up, and following again
            try (var orders = new Orders(env)) {
                confirmed.add(orders.placeOrder("apples", 1, 25));
                awaitDecided(env, confirmed, rejected, shop);
            }
        }

        try (var orders = new Orders(env); var reservations = new Reservations(env); var payments = new Payments(env)) {
            assertThat(reservations.stock("apples").reservedFor()).containsExactlyInAnyOrderElementsOf(confirmed);
            assertThat(reservations.stock("apples").available()).isEqualTo(100 - 8 * 2 - 5);
            assertThat(originators(orders, Order.Confirmed.class)).containsExactlyInAnyOrderElementsOf(confirmed);
            assertThat(originators(orders, Order.Rejected.class)).containsExactlyElementsOf(rejected);
            assertThat(chargedOrders(payments)).containsExactlyInAnyOrderElementsOf(confirmed);
            assertThat(payments.charged(confirmed.getFirst())).hasValue(50);
            assertThat(payments.recorder().maxNotificationId()).isEqualTo(confirmed.size());
        }
    }

    /** Waits, reading the shared database from this process, until the shop process has done its work. */
    private static void awaitDecided(Map<String, String> env, List<UUID> confirmed, List<UUID> rejected,
            JavaProcess shop) {
        try (var orders = new Orders(env); var payments = new Payments(env)) {
            Eventually.until("the shop process confirms and charges " + confirmed.size() + " orders and rejects "
                    + rejected.size(), TIMEOUT,
                    () -> confirmed.stream().allMatch(id -> payments.charged(id).isPresent())
                            && rejected.stream().allMatch(id -> orders.status(id) == Order.Status.REJECTED),
                    () -> "; the shop process printed:\n" + shop.output());
            assertThat(shop.output()).as("the shop process's output").doesNotContain(" ERROR ");
        }
    }
}
