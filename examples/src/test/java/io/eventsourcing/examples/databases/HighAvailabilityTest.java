package io.eventsourcing.examples.databases;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsourcing.examples.dogschool.Dog;
import io.eventsourcing.examples.dogschool.TrainingSchool;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.persistence.Recording;
import io.eventsourcing.postgres.testkit.PatroniCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The README's high-availability example, on a three-node Patroni cluster (synchronous mode) that the
 * test starts: the school finds the primary among the hosts, goes on saving after the primary is
 * killed, and reads its notification log from a standby. Tagged {@code cluster} ({@code -Pcluster}).
 */
@Tag("cluster")
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HighAvailabilityTest {

    @Test
    void the_school_carries_on_after_its_primary_is_killed_and_reads_its_log_from_a_standby() {
        try (PatroniCluster cluster = PatroniCluster.launch(3)) {
            cluster.createDatabase("school");
            // tag::high-availability[]
            Map<String, String> env = Map.of(
                    "PERSISTENCE_MODULE", "postgres",
                    "POSTGRES_HOST", cluster.hosts(),          // "127.0.0.1:41001,127.0.0.1:41002,127.0.0.1:41003"
                    "POSTGRES_REPLICA_HOSTS", cluster.hosts(), // the notification log is read from a standby
                    "POSTGRES_DBNAME", "school",
                    "POSTGRES_USER", "postgres",
                    "POSTGRES_PASSWORD", cluster.password());
            try (var school = new TrainingSchool(env)) {
                school.register("Fido");
                cluster.killPrimary();                         // kill -9 of the primary's postmaster
                school.addTrick("Fido", "roll over");          // waits for the new primary, then saves there
                assertThat(school.tricks("Fido")).containsExactly("roll over");
            }
            // end::high-availability[]
            try (var school = new TrainingSchool(env)) {
                // tag::read-your-writes[]
                List<Recording> saved = school.save(Dog.register("Rex"));
                long id = saved.getLast().notificationId();
                school.recorder().waitForNotification(id, Duration.ofSeconds(5));   // replayed on the standbys
                List<Notification> log = school.notificationLog().select(1, 10);    // read from a standby
                assertThat(log).extracting(Notification::id).contains(id);
                // end::read-your-writes[]
                assertThat(log).extracting(Notification::id).containsExactly(1L, 2L, 3L);
            }
        }
    }
}
