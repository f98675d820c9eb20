package io.eventsourcing.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsourcing.persistence.ApplicationRecorder;
import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.persistence.PersistenceException;
import io.eventsourcing.persistence.StoredEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saves racing another connection for SQLite's write lock: a save may fail when the database stays
 * busy, but a save reported as failed has recorded nothing. (The driver's own commit began the next
 * transaction right after committing, and a busy database then made it report a commit that had
 * succeeded as failed.)
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SqliteBusyCommitTest {
    @TempDir
    Path directory;

    @Test
    void a_save_reported_as_failed_while_another_connection_takes_the_write_lock_recorded_nothing()
            throws Exception {
        Path file = directory.resolve("busy.db");
        AtomicBoolean competing = new AtomicBoolean(true);
        List<UUID> failed = new ArrayList<>();
        List<UUID> recorded = new ArrayList<>();
        try (InfrastructureFactory factory = SqliteBackendTest.sqlite(file, Map.of("SQLITE_LOCK_TIMEOUT", "0.002"));
                ApplicationRecorder recorder = factory.applicationRecorder()) {
            Thread competitor = Thread.ofPlatform().name("competing-writer").start(() -> compete(file, competing));
            try {
                for (int i = 0; i < 600; i++) {
                    UUID id = UUID.randomUUID();
                    StoredEvent event = SqliteBackendTest.event(id, 1);
                    try {
                        recorder.insertEvents(List.of(event));
                        recorded.add(id);
                    } catch (PersistenceException e) {
                        failed.add(id);
                    }
                }
            } finally {
                competing.set(false);
                competitor.join();
            }
            for (UUID id : failed) {
                assertThat(recorder.selectEvents(id, null, null, false, null))
                        .as("events of a save reported as failed").isEmpty();
            }
            for (UUID id : recorded) {
                assertThat(recorder.selectEvents(id, null, null, false, null)).as("events of a save").hasSize(1);
            }
            assertThat(recorder.maxNotificationId()).isEqualTo(recorded.size());
        }
    }

    /** Takes the write lock over and over on a connection of its own, holding it a moment each time. */
    private static void compete(Path file, AtomicBoolean competing) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 1");
            while (competing.get()) {
                try {
                    statement.execute("BEGIN IMMEDIATE");
                    LockSupport.parkNanos(300_000);
                    statement.execute("COMMIT");
                } catch (java.sql.SQLException busy) {
                    // The save holds the lock now; try again.
                }
                LockSupport.parkNanos(100_000);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
