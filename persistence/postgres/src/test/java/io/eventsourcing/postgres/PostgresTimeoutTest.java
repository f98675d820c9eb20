package io.eventsourcing.postgres;

import static io.eventsourcing.jdbc.testkit.ConnectFailures.failureWithin;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventsourcing.jdbc.testkit.Parcel;
import io.eventsourcing.jdbc.testkit.PostOffice;
import io.eventsourcing.persistence.OperationalException;
import io.eventsourcing.postgres.testkit.PostgresCluster;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * {@code POSTGRES_LOCK_TIMEOUT} and {@code POSTGRES_STATEMENT_TIMEOUT} bound reads as well as writes:
 * a read blocked by another session's lock fails with an {@link OperationalException} once the timeout
 * has passed, instead of waiting as long as the lock is held. On a cluster of the test's own.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PostgresTimeoutTest {
    private static PostgresCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = PostgresCluster.launch();
        cluster.createDatabase("timeouts");
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Map<String, String> env(String schema, Map<String, String> more) {
        Map<String, String> env = new HashMap<>(cluster.env("timeouts"));
        env.put("POSTGRES_SCHEMA", schema);
        env.putAll(more);
        return env;
    }

    @Test
    void a_lock_timeout_bounds_a_read_that_waits_for_a_lock() throws Exception {
        assertReadIsBounded("locks", Map.of("POSTGRES_LOCK_TIMEOUT", "1"), "lock timeout");
    }

    @Test
    void a_statement_timeout_bounds_a_read_that_waits_for_a_lock() throws Exception {
        assertReadIsBounded("statements", Map.of("POSTGRES_STATEMENT_TIMEOUT", "1"), "statement timeout");
    }

    private static void assertReadIsBounded(String schema, Map<String, String> timeout, String what) throws Exception {
        try (PostOffice office = new PostOffice(env(schema, timeout))) {
            Parcel parcel = Parcel.post("1 Harbour Road");
            office.save(parcel);
            UUID id = parcel.id();
            try (Connection locker = cluster.connect("timeouts"); Statement statement = locker.createStatement()) {
                locker.setAutoCommit(false);
                statement.execute("LOCK TABLE " + schema + ".postoffice_events IN ACCESS EXCLUSIVE MODE");

                Throwable failure = failureWithin(Duration.ofSeconds(3), "a read under a " + what,
                        () -> office.repository().get(id));

                assertThat(failure).isInstanceOf(OperationalException.class)
                        .hasMessageContaining(what.equals("lock timeout") ? "55P03" : "57014");
                locker.rollback();
            }
            assertThat(office.repository().<Parcel>get(id).version()).isEqualTo(1);
        }
    }
}
