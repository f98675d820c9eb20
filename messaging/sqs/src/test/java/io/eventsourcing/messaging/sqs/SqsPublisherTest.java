package io.eventsourcing.messaging.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.messaging.Body;
import io.eventsourcing.messaging.PublisherSettings;
import io.eventsourcing.messaging.Republisher;
import io.eventsourcing.messaging.fixtures.Tallies;
import io.eventsourcing.messaging.fixtures.TallyLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.sqs.model.Message;

/** What is particular to SQS, on ElasticMQ. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@Timeout(120)
class SqsPublisherTest {
    private static final Map<String, String> MEMORY = Map.of("PERSISTENCE_MODULE", "memory");
    private static ElasticMq server;
    @TempDir
    static Path serverDirectory;

    @BeforeAll
    static void startElasticMq() throws Exception {
        server = ElasticMq.start(serverDirectory);
    }

    @AfterAll
    static void stopElasticMq() {
        server.close();
    }

    private SqsFixture sqs() {
        return (SqsFixture) server.fixture();
    }

    @Test
    void a_standard_queue_is_refused_as_it_does_not_keep_order() {
        try (var leader = new Tallies(MEMORY); var sqs = sqs().client()) {
            String standard = sqs.createQueue(b -> b.queueName("standard")).queueUrl();

            assertThatThrownBy(() -> new SqsPublisher(leader, sqs, standard, PublisherSettings.of("p")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("SQS queue " + standard + " is not a FIFO queue (its name must end in .fifo): a "
                            + "standard queue does not keep events in order");
            assertThatThrownBy(() -> SqsPublisher.createQueue(sqs, "orders"))
                    .hasMessageContaining("is not a FIFO queue");
        }
    }

    @Test
    void a_message_carries_the_event_s_headers_as_attributes_its_lane_as_group_and_the_stored_bytes_in_base64()
            throws Exception {
        try (var leader = new Tallies(MEMORY); var sqs = sqs().client()) {
            String queue = SqsPublisher.createQueue(sqs, "raw.fifo");
            try (var publisher = new SqsPublisher(leader, sqs, queue, PublisherSettings.of("p").withLanes(2))) {
                leader.record("raw-", 1, 0);
                publisher.waitFor(1, Duration.ofSeconds(30));
            }
            Message message = sqs.receiveMessage(b -> b.queueUrl(queue).messageAttributeNames("All")
                    .messageSystemAttributeNamesWithStrings("MessageGroupId")).messages().getFirst();

            assertThat(message.messageAttributes().get("es-deduplication-id").stringValue()).isEqualTo("Tallies:1");
            assertThat(message.messageAttributes().get("es-body").stringValue()).isEqualTo("stored");
            assertThat(message.attributesAsStrings().get("MessageGroupId"))
                    .isEqualTo("Tallies-" + message.messageAttributes().get("es-lane").stringValue());
            assertThat(Base64.getDecoder().decode(message.body()))
                    .isEqualTo(leader.recorder().selectNotifications(1, 1).getFirst().state());
        }
    }

    @Test
    void json_bodies_are_the_events_json_and_still_feed_the_follower() throws Exception {
        try (var leader = new Tallies(MEMORY); var follower = new TallyLog(MEMORY); var sqs = sqs().client()) {
            String queue = SqsPublisher.createQueue(sqs, "json.fifo");
            try (var publisher = new SqsPublisher(leader, sqs, queue, PublisherSettings.of("p").withBody(Body.JSON));
                    var republisher = new SqsRepublisher(sqs, queue,
                            Republisher.to(follower, leader.name(), leader.mapper()))) {
                leader.record("json-", 2, 3);
                publisher.waitFor(8, Duration.ofSeconds(30));
                follower.recorder().wait("Tallies", 8, Duration.ofSeconds(30));
                assertThat(republisher.error()).isNull();
            }
            assertThat(follower.seen()).containsExactlyElementsOf(leader.log());
        }
    }
}
