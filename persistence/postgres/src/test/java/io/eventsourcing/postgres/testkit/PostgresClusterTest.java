package io.eventsourcing.postgres.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The throwaway server: its own port and directory, restarts that keep committed data, and clean-up. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PostgresClusterTest {

    @Test
    void a_cluster_keeps_committed_rows_across_restarts_and_leaves_nothing_behind() throws SQLException {
        Path directory;
        try (PostgresCluster cluster = PostgresCluster.launch()) {
            assertThat(cluster.port()).isNotEqualTo(5432);
            directory = cluster.directory();
            assertThat(directory).isDirectory();
            cluster.createDatabase("kept");
            try (Connection connection = cluster.connect("kept"); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE t (n int)");
                statement.execute("INSERT INTO t VALUES (1), (2)");
            }

            cluster.restart(PostgresCluster.Stop.FAST);
            cluster.restart(PostgresCluster.Stop.IMMEDIATE);

            assertThat(cluster.isRunning()).isTrue();
            try (Connection connection = cluster.connect("kept"); Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT count(*) FROM t")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(2);
            }
        }
        assertThat(Files.exists(directory)).isFalse();
    }

    @Test
    void sessions_can_be_terminated_and_a_wrong_password_is_refused() throws SQLException {
        try (PostgresCluster cluster = PostgresCluster.launch()) {
            cluster.createDatabase("cut");
            try (Connection victim = cluster.connect("cut"); Statement statement = victim.createStatement()) {
                assertThat(cluster.terminateBackends("cut")).isEqualTo(1);

                assertThatThrownBy(() -> statement.execute("SELECT 1")).isInstanceOf(SQLException.class);
            }
            assertThatThrownBy(() -> java.sql.DriverManager.getConnection(cluster.url("cut"), "postgres", "wrong"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
        }
    }
}
