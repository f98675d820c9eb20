package io.eventsourcing.messaging.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.eventsourcing.messaging.Body;
import io.eventsourcing.messaging.PublisherSettings;
import io.eventsourcing.messaging.Republisher;
import io.eventsourcing.messaging.fixtures.Eventually;
import io.eventsourcing.messaging.fixtures.Tallies;
import io.eventsourcing.messaging.fixtures.TallyLog;
import io.eventsourcing.tck.Databases;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What is particular to RabbitMQ, on the machine's broker. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@Timeout(120)
@SuppressWarnings("try") // the republisher is open for the block's duration, not used in it
class RabbitMqPublisherTest {
    private static final Map<String, String> MEMORY = Map.of("PERSISTENCE_MODULE", "memory");
    private final RabbitMqFixture rabbit = new RabbitMqFixture(Map.of());
    private final String exchange = "rabbit-test-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void rabbitMqAnswers() {
        Databases.requireReachable("RabbitMQ", "127.0.0.1", 5672);
    }

    @Test
    void a_message_no_queue_takes_is_not_recorded_as_sent_and_is_sent_once_a_follower_s_queue_is_bound()
            throws Exception {
        try (var leader = new Tallies(MEMORY); var follower = new TallyLog(MEMORY);
                var publisher = new RabbitMqPublisher(leader, rabbit.connections(), exchange,
                        PublisherSettings.of("Tallies->rabbitmq").withRetryDelays(Duration.ofMillis(50),
                                Duration.ofMillis(200)))) {
            leader.record("early-", 2, 2);
            Eventually.until("the publisher finds no queue", Duration.ofSeconds(30),
                    () -> publisher.lastFailure() != null, () -> "");
            assertThat(publisher.lastFailure()).hasMessageContaining("no queue is bound to exchange " + exchange);
            assertThat(publisher.position()).isZero();

            try (var republisher = new RabbitMqRepublisher(rabbit.connections(), exchange, "log-" + exchange, 1,
                    Republisher.to(follower, leader.name(), leader.mapper()))) {
                publisher.waitFor(6, Duration.ofSeconds(30));
                Eventually.until("the follower has all", Duration.ofSeconds(30), () -> follower.seen().size() == 6,
                        () -> "");
                assertThat(follower.seen()).containsExactlyElementsOf(leader.log());
            }
        }
    }

    @Test
    void a_message_carries_the_event_s_ids_and_topic_as_properties_and_headers_and_json_as_body() throws Exception {
        try (Connection connection = rabbit.connections().newConnection(); Channel channel = connection.createChannel()) {
            String queue = "raw-" + exchange;
            new RabbitMqTopology(exchange, 1).declareQueues(channel, queue);
            try (var leader = new Tallies(MEMORY);
                    var publisher = new RabbitMqPublisher(leader, rabbit.connections(), exchange,
                            PublisherSettings.of("Tallies->rabbitmq").withBody(Body.JSON))) {
                leader.record("raw-", 1, 0);
                publisher.waitFor(1, Duration.ofSeconds(30));
            }
            GetResponse message = channel.basicGet(queue, true);

            assertThat(message.getProps().getMessageId()).isEqualTo("Tallies:1");
            assertThat(message.getProps().getType()).endsWith("Tally$Started");
            assertThat(message.getProps().getContentType()).isEqualTo("application/json");
            assertThat(message.getProps().getDeliveryMode()).isEqualTo(2);
            assertThat(message.getProps().getHeaders().get("es-notification-id")).hasToString("1");
            assertThat(message.getProps().getHeaders().get("es-originator-version")).hasToString("1");
            assertThat(new String(message.getBody(), StandardCharsets.UTF_8)).contains("\"payload\":{\"name\":\"raw-0\"}");
            channel.queueDelete(queue);
            channel.exchangeDelete(exchange);
        }
    }
}
