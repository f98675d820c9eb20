package io.eventsourcing.examples.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsourcing.examples.Postgres;
import io.eventsourcing.system.MultiThreadedRunner;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shop spread over three databases, one per application, each found by the application's own
 * prefixed settings: what a system spread over several PostgreSQL clusters looks like (each
 * application's {@code <NAME>_POSTGRES_HOST} then names its own cluster). A follower reads its leader's
 * log from the leader's database and records its positions in its own, together with its new events,
 * so every order is still reserved, decided and charged exactly once, also across a restart.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ShopOverThreeDatabasesTest {
    @BeforeEach
    void freshDatabases() {
        Postgres.freshDatabases("es_shop_orders", "es_shop_reservations", "es_shop_payments");
    }

    @Test
    @Timeout(120)
    void each_application_keeps_its_log_and_its_positions_in_its_own_database() throws Exception {
        // tag::three-databases[]
        Map<String, String> env = Map.of(
                "PERSISTENCE_MODULE", "postgres",
                "POSTGRES_USER", "postgres",
                "ORDERS_POSTGRES_HOST", "127.0.0.1:5432",          // e.g. "orders1:5432,orders2:5432,orders3:5432"
                "ORDERS_POSTGRES_DBNAME", "es_shop_orders",
                "RESERVATIONS_POSTGRES_HOST", "127.0.0.1:5432",
                "RESERVATIONS_POSTGRES_DBNAME", "es_shop_reservations",
                "PAYMENTS_POSTGRES_HOST", "127.0.0.1:5432",
                "PAYMENTS_POSTGRES_DBNAME", "es_shop_payments");
        try (var runner = new MultiThreadedRunner(Shop.SYSTEM, env)) {
            runner.start();
            runner.get(Reservations.class).addStock("apples", 10);               // in es_shop_reservations
            UUID order = runner.get(Orders.class).placeOrder("apples", 3, 50);   // in es_shop_orders
            runner.waitFor(Payments.class, Orders.class, 2, Duration.ofSeconds(10));

            assertThat(runner.get(Payments.class).charged(order)).hasValue(150);  // in es_shop_payments
        }
        // end::three-databases[]

        List<UUID> placed = new ArrayList<>();
        try (var runner = new MultiThreadedRunner(Shop.SYSTEM, env)) {
            runner.start();
            placed.addAll(ShopTest.originators(runner.get(Orders.class), Order.Placed.class));   // the one above
            runner.get(Reservations.class).addStock("apples", 20);
            placed.addAll(ShopTest.placeConcurrently(runner.get(Orders.class), 2, 5, "apples", 1, 10));
        }                                                    // stops, possibly before all is processed
        ShopTest.placeWhileStoppedThenCatchUp(env, placed);

        assertThat(tables("es_shop_orders")).containsExactlyInAnyOrder("orders_events", "orders_tracking");
        assertThat(tables("es_shop_reservations")).containsExactlyInAnyOrder("reservations_events",
                "reservations_tracking");
        assertThat(tables("es_shop_payments")).containsExactlyInAnyOrder("payments_events", "payments_tracking");
    }

    private static List<String> tables(String database) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database,
                "postgres", ""); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT table_name FROM information_schema.tables "
                        + "WHERE table_schema = 'public'")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }
}
