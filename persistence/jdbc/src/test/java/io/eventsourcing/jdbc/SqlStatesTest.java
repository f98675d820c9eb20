package io.eventsourcing.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsourcing.persistence.DataException;
import io.eventsourcing.persistence.DatabaseException;
import io.eventsourcing.persistence.IntegrityException;
import io.eventsourcing.persistence.InterfaceException;
import io.eventsourcing.persistence.InternalException;
import io.eventsourcing.persistence.NotSupportedException;
import io.eventsourcing.persistence.OperationalException;
import io.eventsourcing.persistence.PersistenceException;
import io.eventsourcing.persistence.ProgrammingException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SqlStatesTest {

    static Stream<Arguments> pairs() {
        return Stream.of(
                Arguments.of("23505", IntegrityException.class), // unique violation (PostgreSQL, H2)
                Arguments.of("23000", IntegrityException.class), // integrity constraint (MariaDB duplicate key)
                Arguments.of("22001", DataException.class), // string data right truncation
                Arguments.of("22P02", DataException.class), // invalid text representation
                Arguments.of("08006", OperationalException.class), // connection failure
                Arguments.of("08001", OperationalException.class), // unable to connect
                Arguments.of("57P01", OperationalException.class), // admin shutdown (pg_terminate_backend)
                Arguments.of("55P03", OperationalException.class), // lock not available (lock_timeout)
                Arguments.of("57014", OperationalException.class), // query canceled (statement timeout)
                Arguments.of("40001", OperationalException.class), // serialization failure / deadlock
                Arguments.of("40P01", OperationalException.class), // deadlock detected
                Arguments.of("53300", OperationalException.class), // too many connections
                Arguments.of("HYT00", OperationalException.class), // timeout (H2 lock timeout)
                Arguments.of("42P01", ProgrammingException.class), // undefined table (PostgreSQL)
                Arguments.of("42S02", ProgrammingException.class), // table not found (MariaDB, H2)
                Arguments.of("42601", ProgrammingException.class), // syntax error
                Arguments.of("3F000", ProgrammingException.class), // invalid schema name
                Arguments.of("28P01", InterfaceException.class), // invalid password
                Arguments.of("0A000", NotSupportedException.class), // feature not supported
                Arguments.of("XX000", InternalException.class), // internal error
                Arguments.of("HY000", DatabaseException.class), // general error without detail
                Arguments.of(null, DatabaseException.class)); // no SQLState at all
    }

    @ParameterizedTest(name = "SQLState {0} becomes {1}")
    @MethodSource("pairs")
    void each_sqlstate_becomes_its_persistence_exception(@Nullable String state,
            Class<? extends PersistenceException> expected) {
        PersistenceException translated = SqlStates.translate(new SQLException("boom", state), "insert into t_events");

        assertThat(translated).isExactlyInstanceOf(expected);
        assertThat(translated).hasMessageStartingWith("insert into t_events: boom");
        assertThat(translated.getCause()).isInstanceOf(SQLException.class);
    }

    @Test
    void a_missing_table_says_how_tables_are_created() {
        assertThat(SqlStates.translate(new SQLException("relation does not exist", "42P01"), "select"))
                .hasMessageContaining("CREATE_TABLE=false");
    }

    @Test
    void mariadb_lock_wait_timeouts_and_deadlocks_are_operational() {
        MariaDbDialect dialect = new MariaDbDialect();

        assertThat(dialect.translate(new SQLException("Lock wait timeout exceeded", "HY000", 1205), "insert"))
                .isInstanceOf(OperationalException.class).hasMessageContaining("MariaDB error 1205");
        assertThat(dialect.translate(new SQLException("Deadlock found", "40001", 1213), "insert"))
                .isInstanceOf(OperationalException.class);
        assertThat(dialect.translate(new SQLException("Duplicate entry", "23000", 1062), "insert"))
                .isInstanceOf(IntegrityException.class);
    }

    @Test
    void lost_connections_are_recognised_for_retry() {
        assertThat(SqlStates.isConnectionLost(new SQLException("x", "08006"))).isTrue();
        assertThat(SqlStates.isConnectionLost(new SQLException("x", "08003"))).isTrue();
        assertThat(SqlStates.isConnectionLost(new SQLException("x", "08S01"))).isTrue();
        assertThat(SqlStates.isConnectionLost(new SQLException("x", "57P01"))).isTrue();
        assertThat(SqlStates.isConnectionLost(new SQLException("x", "23505"))).isFalse();
        assertThat(SqlStates.isConnectionLost(new SQLException("x"))).isFalse();
    }

    @Test
    void a_connection_that_could_not_be_made_is_not_a_lost_one() {
        assertThat(SqlStates.isConnectionLost(refused("08001"))).isFalse();
        assertThat(SqlStates.isConnectionLost(new SQLException("starting up", "57P03"))).isFalse();
        assertThat(SqlStates.isConnectionLost(unknownHost("08000"))).isFalse();
    }

    static Stream<Arguments> transience() {
        return Stream.of(
                Arguments.of("a lost connection", new SQLException("x", "08006"), true),
                Arguments.of("a refused connection (PostgreSQL)", refused("08001"), true),
                Arguments.of("a refused connection (MariaDB)", refused("08000"), true),
                Arguments.of("no answer in time", new SQLException("x", "08001", new SocketTimeoutException("read")), true),
                Arguments.of("a server starting up", new SQLException("the database system is starting up", "57P03"), true),
                Arguments.of("too many connections", new SQLException("too many clients", "53300"), true),
                Arguments.of("a pool timeout after refused connections",
                        new SQLTransientConnectionException("timed out", "08001", refused("08001")), true),
                Arguments.of("an unknown host (PostgreSQL)", unknownHost("08001"), false),
                Arguments.of("an unknown host (MariaDB)", unknownHost("08000"), false),
                Arguments.of("a pool timeout after a wrong password", new SQLTransientConnectionException("timed out",
                        "28P01", new SQLException("password authentication failed", "28P01")), false),
                Arguments.of("a pool with no connection free", new SQLTransientConnectionException("timed out"), false),
                Arguments.of("a wrong password", new SQLException("password authentication failed", "28P01"), false),
                Arguments.of("a missing database", new SQLException("database \"x\" does not exist", "3D000"), false),
                Arguments.of("a lock timeout", new SQLException("lock timeout", "55P03"), false),
                Arguments.of("a duplicate key", new SQLException("duplicate", "23505"), false));
    }

    @ParameterizedTest(name = "{0}: transient {2}")
    @MethodSource("transience")
    void only_what_may_pass_by_itself_is_transient(String what, SQLException e, boolean transient_) {
        assertThat(SqlStates.isTransient(e)).isEqualTo(transient_);
    }

    @Test
    void a_failure_to_connect_names_the_database_and_gives_the_networks_reason_when_the_driver_does_not() {
        PersistenceException unknown = SqlStates.cannotConnect(unknownHost("08001"),
                "PostgreSQL at nohost.invalid:5432, database shop, user app");

        assertThat(unknown).isExactlyInstanceOf(OperationalException.class).hasMessage(
                "cannot connect to PostgreSQL at nohost.invalid:5432, database shop, user app: The connection attempt "
                        + "failed. (unknown host nohost.invalid) [SQLState 08001]");
        assertThat(SqlStates.cannotConnect(new SQLException("FATAL: password authentication failed for user \"app\"",
                "28P01"), "db")).isExactlyInstanceOf(InterfaceException.class)
                .hasMessage("cannot connect to db: FATAL: password authentication failed for user \"app\" [SQLState 28P01]");
    }

    @Test
    void a_pool_timeout_says_why_the_last_attempt_to_connect_failed() {
        SQLException timeout = new SQLTransientConnectionException("pool - Connection is not available, request "
                + "timed out after 5001ms", "08001", refused("08001"));

        assertThat(SqlStates.translate(timeout, "insert into t_events")).isInstanceOf(OperationalException.class)
                .hasMessage("insert into t_events: pool - Connection is not available, request timed out after 5001ms; "
                        + "the last attempt to connect failed: Connection to 127.0.0.1:1 refused. [SQLState 08001]");
    }

    private static SQLException refused(String state) {
        return new SQLException("Connection to 127.0.0.1:1 refused.", state, new ConnectException("Connection refused"));
    }

    private static SQLException unknownHost(String state) {
        return new SQLException("The connection attempt failed.", state, new UnknownHostException("nohost.invalid"));
    }
}
