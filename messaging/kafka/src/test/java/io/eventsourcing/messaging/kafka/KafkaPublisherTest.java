package io.eventsourcing.messaging.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.messaging.PublisherSettings;
import io.eventsourcing.messaging.fixtures.Eventually;
import io.eventsourcing.messaging.fixtures.Tallies;
import io.eventsourcing.messaging.fixtures.Tally;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What is particular to Kafka, on a KRaft broker of the test's own. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@Timeout(180)
class KafkaPublisherTest {
    private static final Map<String, String> MEMORY = Map.of("PERSISTENCE_MODULE", "memory");
    private static KafkaServer server;
    @TempDir
    static Path serverDirectory;

    @BeforeAll
    static void startKafka() throws Exception {
        server = KafkaServer.start(serverDirectory);
    }

    @AfterAll
    static void stopKafka() {
        server.close();
    }

    private KafkaFixture kafka() {
        return new KafkaFixture(Map.of(KafkaFixture.BOOTSTRAP, server.bootstrapServers()));
    }

    @Test
    void settings_that_would_weaken_the_guarantees_are_refused() {
        try (var leader = new Tallies(MEMORY)) {
            Map<String, Object> acksOne = Map.of("bootstrap.servers", server.bootstrapServers(), "acks", "1");
            assertThatThrownBy(() -> new KafkaPublisher(leader, acksOne, "t", PublisherSettings.of("p")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("acks is '1'; the publisher needs acks=all (or leave it out)");
            Map<String, Object> notIdempotent = Map.of("enable.idempotence", "false");
            assertThatThrownBy(() -> new KafkaPublisher(leader, notIdempotent, "t", PublisherSettings.of("p")))
                    .hasMessageContaining("enable.idempotence is 'false'");
        }
    }

    @Test
    void a_topic_with_fewer_partitions_than_lanes_is_reported_and_nothing_is_recorded_as_sent() throws Exception {
        kafka().prepare("narrow", 1);
        try (var leader = new Tallies(MEMORY);
                var publisher = new KafkaPublisher(leader, kafka().producer(), "narrow",
                        PublisherSettings.of("p").withLanes(2))) {
            leader.record("n-", 1, 0);
            Eventually.until("the publisher reports the topic", Duration.ofSeconds(60),
                    () -> publisher.lastFailure() != null, () -> "");
            assertThat(publisher.lastFailure()).hasMessage("Kafka topic narrow has 1 partitions; 2 lanes need at least 2");
            assertThat(publisher.position()).isZero();
        }
    }

    @Test
    void a_record_is_keyed_by_the_originator_id_in_the_partition_of_its_lane_with_the_event_s_headers()
            throws Exception {
        kafka().prepare("keyed", 3);
        try (var leader = new Tallies(MEMORY);
                var publisher = new KafkaPublisher(leader, kafka().producer(), "keyed",
                        PublisherSettings.of("p").withLanes(3))) {
            leader.record("k-", 4, 1);
            publisher.waitFor(8, Duration.ofSeconds(60));
        }
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", server.bootstrapServers(),
                "group.id", "raw", "auto.offset.reset", "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("keyed"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.size() < 8 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        assertThat(records).hasSize(8);
        for (ConsumerRecord<String, byte[]> record : records) {
            String lane = new String(record.headers().lastHeader("es-lane").value(), StandardCharsets.UTF_8);
            assertThat(record.partition()).hasToString(lane);
            assertThat(record.key()).isEqualTo(new String(record.headers().lastHeader("es-originator-id").value(),
                    StandardCharsets.UTF_8));
        }
        assertThat(records).extracting(ConsumerRecord::key).contains(Tally.createId("k-0").toString());
    }
}
