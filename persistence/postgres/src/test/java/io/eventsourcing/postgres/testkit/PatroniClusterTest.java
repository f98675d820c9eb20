package io.eventsourcing.postgres.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsourcing.postgres.testkit.PatroniCluster.Member;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The throwaway Patroni cluster: three nodes with a synchronous standby, a committed row that survives
 * the primary's postmaster killed and a switchover, and nothing left behind.
 */
@Tag("cluster")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PatroniClusterTest {

    @Test
    void a_committed_row_survives_a_killed_primary_and_a_switchover_and_nothing_is_left_behind() throws SQLException {
        Path directory;
        long etcd;
        try (PatroniCluster cluster = PatroniCluster.launch(3)) {
            directory = cluster.directory();
            assertThat(directory).isDirectory();
            assertThat(cluster.members()).hasSize(3).extracting(Member::role)
                    .contains("leader", "sync_standby");
            assertThat(cluster.hosts()).doesNotContain(":5432,").doesNotEndWith(":5432");
            cluster.createDatabase("kept");
            try (Connection connection = cluster.connectToPrimary("kept"); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE t (n int)");
                statement.execute("INSERT INTO t VALUES (1), (2)");
            }

            Member killed = cluster.killPrimary();
            Member promoted = cluster.awaitNewLeader(killed, Duration.ofSeconds(60));
            assertThat(promoted.name()).isNotEqualTo(killed.name());
            assertThat(count(cluster, promoted)).isEqualTo(2);
            cluster.awaitHealthy(Duration.ofSeconds(120));

            Member before = cluster.switchover();
            Member after = cluster.awaitNewLeader(before, Duration.ofSeconds(60));
            assertThat(count(cluster, after)).isEqualTo(2);
            cluster.awaitHealthy(Duration.ofSeconds(120));
            etcd = processesOf(directory).size();
            assertThat(etcd).as("processes of the cluster: etcd, 3 Patroni, 3 postmasters and more").isGreaterThan(7);
        }
        assertThat(Files.exists(directory)).isFalse();
        assertThat(processesOf(directory)).as("processes left behind").isEmpty();
    }

    @Test
    void a_cluster_whose_jvm_is_killed_is_stopped_and_removed_by_its_reaper() throws Exception {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path output = Files.createTempFile("cluster-owner-", ".txt");
        Process owner = new ProcessBuilder(java, "-Xmx256m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error", "-cp",
                System.getProperty("java.class.path"), ClusterOwner.class.getName())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        Path directory = null;
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (directory == null && owner.isAlive() && System.nanoTime() < deadline) {
                directory = Files.readAllLines(output).stream().filter(line -> line.startsWith("DIRECTORY "))
                        .map(line -> Path.of(line.substring("DIRECTORY ".length()))).findFirst().orElse(null);
                Thread.sleep(200);
            }
            assertThat(directory).as("the cluster's directory, from the owner's output: %s",
                    Files.readString(output)).isNotNull();
            Path started = directory;
            assertThat(processesOf(started)).as("the cluster's processes").isNotEmpty();

            owner.destroyForcibly(); // SIGKILL: no shutdown hook runs
            owner.waitFor();

            long gone = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while ((Files.exists(started) || !processesOf(started).isEmpty()) && System.nanoTime() < gone) {
                Thread.sleep(200);
            }
            assertThat(processesOf(started)).as("processes left behind").isEmpty();
            assertThat(Files.exists(started)).as("directory left behind").isFalse();
        } finally {
            owner.destroyForcibly();
            Files.deleteIfExists(output);
        }
    }

    private static List<ProcessHandle> processesOf(Path directory) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("")
                .contains(directory.toString())).toList();
    }

    private static int count(PatroniCluster cluster, Member member) throws SQLException {
        try (Connection connection = cluster.connect(member, "kept"); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM t")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
