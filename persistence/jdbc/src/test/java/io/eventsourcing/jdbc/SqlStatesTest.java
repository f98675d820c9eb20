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
import java.sql.SQLException;
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
        assertThat(SqlStates.isConnectionLost(new SQLException("x", "57P01"))).isTrue();
        assertThat(SqlStates.isConnectionLost(new SQLException("x", "23505"))).isFalse();
        assertThat(SqlStates.isConnectionLost(new SQLException("x"))).isFalse();
    }
}
