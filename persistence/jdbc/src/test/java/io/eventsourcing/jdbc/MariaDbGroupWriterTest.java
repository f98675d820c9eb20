package io.eventsourcing.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.persistence.Environment;
import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.persistence.IntegrityException;
import io.eventsourcing.persistence.ProcessRecorder;
import io.eventsourcing.persistence.StoredEvent;
import io.eventsourcing.persistence.Tracking;
import io.eventsourcing.tck.Databases;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** On MariaDB a group goes to the server as one compound statement, tracking positions included. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class MariaDbGroupWriterTest {
    private static final String DATABASE = "es_compound";

    @BeforeEach
    void emptyDatabase() {
        Databases.requireReachable("MariaDB", "127.0.0.1", 3306);
        Databases.execute(MariaDbConformanceTest.SERVER, "root", "", "DROP DATABASE IF EXISTS " + DATABASE,
                "CREATE DATABASE " + DATABASE);
    }

    @Test
    void events_and_tracking_positions_are_written_by_one_compound_statement() {
        try (JdbcFactory factory = (JdbcFactory) InfrastructureFactory.construct(Environment.isolated("Compound",
                Map.of("PERSISTENCE_MODULE", "jdbc", "JDBC_URL", MariaDbConformanceTest.SERVER + DATABASE,
                        "JDBC_USER", "root")))) {
            ProcessRecorder recorder = factory.processRecorder();
            UUID id = UUID.randomUUID();

            assertThat(recorder.insertEvents(List.of(event(id, 1), event(id, 2)), new Tracking("upstream", 3)))
                    .containsExactly(1L, 2L);
            assertThatThrownBy(() -> recorder.insertEvents(List.of(event(UUID.randomUUID(), 1)),
                    new Tracking("upstream", 3)))
                    .isInstanceOf(IntegrityException.class).hasMessageContaining("not above");
            assertThatThrownBy(() -> recorder.insertEvents(List.of(event(id, 2)), new Tracking("upstream", 4)))
                    .isInstanceOf(IntegrityException.class).hasMessageContaining(id + ":2 already recorded");

            assertThat(recorder.maxTrackingId("upstream")).isEqualTo(3);
            assertThat(recorder.maxNotificationId()).isEqualTo(2);
            assertThat(((MariaDbGroupWriter) factory.datastore().dialect().groupWriter()).wroteCompound()).isTrue();
        }
    }

    private static StoredEvent event(UUID id, long version) {
        return new StoredEvent(id, version, "topic", ("v" + version).getBytes(StandardCharsets.UTF_8));
    }
}
