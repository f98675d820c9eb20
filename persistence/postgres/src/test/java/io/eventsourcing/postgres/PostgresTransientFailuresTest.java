package io.eventsourcing.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.postgresql.util.GT;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/**
 * Which failures the PostgreSQL dialect counts as passing by themselves, beyond the standard ones: no
 * primary among several hosts (during a failover) and a standby's read cancelled by the replay.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PostgresTransientFailuresTest {
    private final PostgresDialect dialect = new PostgresDialect();

    @Test
    void finding_no_primary_among_the_hosts_passes_by_itself_also_behind_the_pools_timeout() {
        PSQLException noPrimary = new PSQLException(GT.tr("Could not find a server with specified targetServerType: {0}",
                "primary"), PSQLState.CONNECTION_UNABLE_TO_CONNECT);

        assertThat(dialect.isTransient(noPrimary)).isTrue();
        assertThat(dialect.isTransient(new SQLTransientConnectionException("pool timed out", null, noPrimary))).isTrue();
    }

    @Test
    void a_read_on_a_standby_cancelled_for_a_conflict_with_the_replay_passes_by_itself() {
        assertThat(dialect.isTransient(new SQLException("canceling statement due to conflict with recovery", "40001")))
                .isTrue();
    }

    @Test
    void a_refused_connection_passes_and_a_wrong_password_or_a_login_timeout_does_not() {
        assertThat(dialect.isTransient(new PSQLException("Connection to db:5432 refused.",
                PSQLState.CONNECTION_UNABLE_TO_CONNECT, new ConnectException("Connection refused")))).isTrue();
        assertThat(dialect.isTransient(new PSQLException("password authentication failed for user \"x\"",
                PSQLState.INVALID_AUTHORIZATION_SPECIFICATION))).isFalse();
        assertThat(dialect.isTransient(new PSQLException("Connection attempt timed out.",
                PSQLState.CONNECTION_UNABLE_TO_CONNECT))).isFalse();
    }
}
