package io.eventsourcing.jdbc;

import static io.eventsourcing.jdbc.testkit.ConnectFailures.failureWithin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.jdbc.testkit.Parcel;
import io.eventsourcing.jdbc.testkit.PostOffice;
import io.eventsourcing.jdbc.testkit.SilentServer;
import io.eventsourcing.persistence.ConfigurationException;
import io.eventsourcing.persistence.InterfaceException;
import io.eventsourcing.persistence.OperationalException;
import io.eventsourcing.persistence.ProgrammingException;
import io.eventsourcing.tck.Databases;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Connecting to MariaDB through {@code PERSISTENCE_MODULE=jdbc}: a database that cannot be reached or
 * refuses the user fails the application's construction within {@code JDBC_CONNECT_TIMEOUT} (plus 2 s)
 * with the driver's reason and the URL named; a data source supplied by {@code JDBC_DATASOURCE_TOPIC} is
 * checked for the isolation level the dialect needs.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MariaDbConnectionTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration LIMIT = TIMEOUT.plusSeconds(2);

    private static Map<String, String> env(String url, Map<String, String> more) {
        Map<String, String> env = new HashMap<>(Map.of("PERSISTENCE_MODULE", "jdbc", "JDBC_URL", url, "JDBC_USER",
                "root", "JDBC_CONNECT_TIMEOUT", String.valueOf(TIMEOUT.toSeconds())));
        env.putAll(more);
        return env;
    }

    @Nested
    class Without_a_server {

        @Test
        void a_refused_port() {
            String url = "jdbc:mariadb://127.0.0.1:" + SilentServer.closedPort() + "/shop";

            Throwable failure = failureWithin(LIMIT, "a refused port", () -> new PostOffice(env(url, Map.of())));

            assertThat(failure).isInstanceOf(OperationalException.class)
                    .hasMessageStartingWith("cannot connect to " + url + " (user root) (tried ")
                    .hasMessageContaining("Connection refused");
        }

        @Test
        void an_unknown_host() {
            String url = "jdbc:mariadb://nohost.invalid:3306/shop";

            Throwable failure = failureWithin(LIMIT, "an unknown host", () -> new PostOffice(env(url, Map.of())));

            assertThat(failure).isInstanceOf(OperationalException.class)
                    .hasMessageStartingWith("cannot connect to " + url + " (user root): ")
                    .hasMessageContaining("unknown host nohost.invalid");
        }

        @Test
        void a_server_that_never_answers() throws Exception {
            try (SilentServer silent = new SilentServer()) {
                String url = "jdbc:mariadb://127.0.0.1:" + silent.port() + "/shop";

                Throwable failure = failureWithin(LIMIT, "a server that never answers", () -> new PostOffice(env(url,
                        Map.of())));

                assertThat(failure).isInstanceOf(OperationalException.class)
                        .hasMessageStartingWith("cannot connect to " + url + " (user root)");
            }
        }

        @Test
        void the_password_in_a_url_is_never_shown() {
            String url = "jdbc:mariadb://127.0.0.1:" + SilentServer.closedPort() + "/shop?password=s3cret&user=root";

            Throwable failure = failureWithin(LIMIT, "a refused port", () -> new PostOffice(env(url, Map.of())));

            assertThat(failure).hasMessageNotContaining("s3cret");
        }
    }

    @Nested
    class On_the_local_server {
        private static final String SERVER = MariaDbConformanceTest.SERVER;

        @Test
        void a_wrong_password() {
            Databases.requireReachable("MariaDB", "127.0.0.1", 3306);

            Throwable failure = failureWithin(LIMIT, "a wrong password", () -> new PostOffice(env(SERVER + "mysql",
                    Map.of("JDBC_PASSWORD", "not-the-password"))));

            assertThat(failure).isInstanceOf(InterfaceException.class)
                    .hasMessageStartingWith("cannot connect to " + SERVER + "mysql (user root): ")
                    .hasMessageContaining("Access denied for user 'root'");
        }

        @Test
        void a_missing_database() {
            Databases.requireReachable("MariaDB", "127.0.0.1", 3306);

            Throwable failure = failureWithin(LIMIT, "a missing database", () -> new PostOffice(env(
                    SERVER + "es_no_such_database", Map.of())));

            assertThat(failure).isInstanceOf(ProgrammingException.class)
                    .hasMessageStartingWith("cannot connect to " + SERVER + "es_no_such_database (user root): ")
                    .hasMessageContaining("Unknown database 'es_no_such_database'");
        }

        @Test
        void a_supplied_data_source_at_the_servers_default_repeatable_read_is_refused() {
            Databases.requireReachable("MariaDB", "127.0.0.1", 3306);
            Map<String, String> env = Map.of("PERSISTENCE_MODULE", "jdbc", "JDBC_DATASOURCE_TOPIC",
                    MariaDbPoolSupplier.class.getName(), MariaDbPoolSupplier.URL, SERVER + "mysql");

            assertThatThrownBy(() -> new PostOffice(env)).isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("JDBC_DATASOURCE_TOPIC '" + MariaDbPoolSupplier.class.getName()
                            + "' supplies connections at isolation level REPEATABLE READ (4), and event-sourced "
                            + "applications on mariadb need TRANSACTION_READ_COMMITTED (2)");
        }

        @Test
        void a_supplied_data_source_at_read_committed_is_used() {
            Databases.requireReachable("MariaDB", "127.0.0.1", 3306);
            Databases.execute(SERVER, "root", "", "DROP DATABASE IF EXISTS es_supplied", "CREATE DATABASE es_supplied");
            Map<String, String> env = Map.of("PERSISTENCE_MODULE", "jdbc", "JDBC_DATASOURCE_TOPIC",
                    MariaDbPoolSupplier.class.getName(), MariaDbPoolSupplier.URL, SERVER + "es_supplied",
                    MariaDbPoolSupplier.ISOLATION, "TRANSACTION_READ_COMMITTED");

            try (PostOffice office = new PostOffice(env)) {
                office.save(Parcel.post("1 Harbour Road"));

                assertThat(office.recorder().maxNotificationId()).isEqualTo(1);
            }
        }
    }
}
