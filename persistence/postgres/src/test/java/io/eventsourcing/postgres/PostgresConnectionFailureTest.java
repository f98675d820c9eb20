package io.eventsourcing.postgres;

import static io.eventsourcing.jdbc.testkit.ConnectFailures.failureWithin;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventsourcing.jdbc.testkit.PostOffice;
import io.eventsourcing.jdbc.testkit.SilentServer;
import io.eventsourcing.persistence.InterfaceException;
import io.eventsourcing.persistence.OperationalException;
import io.eventsourcing.persistence.ProgrammingException;
import io.eventsourcing.postgres.testkit.PostgresCluster;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL server that cannot be reached, or refuses the user, fails the application's construction
 * within {@code POSTGRES_CONNECT_TIMEOUT} (plus 2 s, the margin each test allows), with the driver's
 * reason and the host, port and database named. The servers are the test's own: a cluster with password
 * authentication, a port where nothing listens, and a server that never answers.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PostgresConnectionFailureTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration LIMIT = TIMEOUT.plusSeconds(2);
    private static PostgresCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = PostgresCluster.launch();
        cluster.createDatabase("parcels");
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Map<String, String> env(Map<String, String> more) {
        Map<String, String> env = new HashMap<>(cluster.env("parcels"));
        env.put("POSTGRES_CONNECT_TIMEOUT", String.valueOf(TIMEOUT.toSeconds()));
        env.putAll(more);
        return env;
    }

    @Test
    void a_refused_port() {
        int port = SilentServer.closedPort();

        Throwable failure = failureWithin(LIMIT, "a refused port", () -> new PostOffice(env(Map.of("POSTGRES_PORT",
                String.valueOf(port)))));

        assertThat(failure).isInstanceOf(OperationalException.class)
                .hasMessageStartingWith("cannot connect to PostgreSQL at 127.0.0.1:" + port + ", database parcels, "
                        + "user postgres (tried ")
                .hasMessageContaining("Connection to 127.0.0.1:" + port + " refused");
    }

    @Test
    void an_unknown_host() {
        Throwable failure = failureWithin(LIMIT, "an unknown host", () -> new PostOffice(env(Map.of("POSTGRES_HOST",
                "nohost.invalid"))));

        assertThat(failure).isInstanceOf(OperationalException.class)
                .hasMessageStartingWith("cannot connect to PostgreSQL at nohost.invalid:" + cluster.port()
                        + ", database parcels, user postgres: ")
                .hasMessageContaining("unknown host nohost.invalid");
    }

    @Test
    void a_server_that_never_answers() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            Throwable failure = failureWithin(LIMIT, "a server that never answers", () -> new PostOffice(env(Map.of(
                    "POSTGRES_PORT", String.valueOf(silent.port())))));

            assertThat(failure).isInstanceOf(OperationalException.class)
                    .hasMessageStartingWith("cannot connect to PostgreSQL at 127.0.0.1:" + silent.port()
                            + ", database parcels, user postgres");
        }
    }

    @Test
    void a_server_that_never_answers_is_given_up_on_after_the_default_5_seconds() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            Map<String, String> env = env(Map.of("POSTGRES_PORT", String.valueOf(silent.port())));
            env.remove("POSTGRES_CONNECT_TIMEOUT");

            Throwable failure = failureWithin(Duration.ofSeconds(7), "a server that never answers, default timeout",
                    () -> new PostOffice(env));

            assertThat(failure).isInstanceOf(OperationalException.class);
        }
    }

    @Test
    void a_wrong_password() {
        Throwable failure = failureWithin(LIMIT, "a wrong password", () -> new PostOffice(env(Map.of(
                "POSTGRES_PASSWORD", "not-the-password"))));

        assertThat(failure).isInstanceOf(InterfaceException.class)
                .hasMessage("cannot connect to PostgreSQL at 127.0.0.1:" + cluster.port() + ", database parcels, "
                        + "user postgres: FATAL: password authentication failed for user \"postgres\" [SQLState 28P01]");
    }

    @Test
    void a_missing_database() {
        Throwable failure = failureWithin(LIMIT, "a missing database", () -> new PostOffice(env(Map.of(
                "POSTGRES_DBNAME", "nosuchdb"))));

        assertThat(failure).isInstanceOf(ProgrammingException.class)
                .hasMessage("cannot connect to PostgreSQL at 127.0.0.1:" + cluster.port() + ", database nosuchdb, "
                        + "user postgres: FATAL: database \"nosuchdb\" does not exist [SQLState 3D000]");
    }

    @Test
    void a_missing_database_through_a_jdbc_url() {
        Map<String, String> env = Map.of("PERSISTENCE_MODULE", "jdbc", "JDBC_URL", cluster.url("nosuchdb")
                + "?ApplicationName=x", "JDBC_USER", "postgres", "JDBC_PASSWORD", cluster.password(),
                "JDBC_CONNECT_TIMEOUT", String.valueOf(TIMEOUT.toSeconds()));

        Throwable failure = failureWithin(LIMIT, "a missing database through JDBC_URL", () -> new PostOffice(env));

        assertThat(failure).isInstanceOf(ProgrammingException.class)
                .hasMessage("cannot connect to " + cluster.url("nosuchdb") + " (user postgres): FATAL: database "
                        + "\"nosuchdb\" does not exist [SQLState 3D000]");
    }

    @Test
    void a_server_that_comes_up_within_the_connect_timeout_is_waited_for() throws Exception {
        cluster.stop(PostgresCluster.Stop.FAST);
        try {
            CompletableFuture<Void> restarted = CompletableFuture.runAsync(() -> {
                sleep(Duration.ofMillis(500));
                cluster.start();
            });
            try (PostOffice office = new PostOffice(env(Map.of("POSTGRES_CONNECT_TIMEOUT", "20")))) {
                assertThat(office.recorder().maxNotificationId()).isZero();
            }
            restarted.join();
        } finally {
            if (!cluster.isRunning()) {
                cluster.start();
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
