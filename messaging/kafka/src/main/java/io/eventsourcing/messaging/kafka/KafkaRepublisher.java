package io.eventsourcing.messaging.kafka;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.domain.EventSourcingException;
import io.eventsourcing.messaging.BrokerRepublisher;
import io.eventsourcing.messaging.Deliveries;
import io.eventsourcing.messaging.RelayedEvent;
import io.eventsourcing.messaging.Republisher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;

/**
 * Consumes a leader's events from a Kafka topic in a consumer group and hands them to a {@link
 * Republisher}, which has a local process application or projection process each exactly once. Offsets
 * are committed only after the follower committed the events before them: a consumer that dies in between
 * gets them again, and the copies are dropped. The follower's own tracking, not the offsets, decides what
 * is new, so a group that starts from the beginning of the topic does no harm. Failures to reach Kafka
 * are retried with a growing pause; an error of the follower stops the republisher, reported by {@link
 * #error()} and {@link #close()}.
 *
 * <p>Thread-safe.
 */
public final class KafkaRepublisher extends BrokerRepublisher {
    private final Map<String, Object> config;
    private final String topic;
    private final AtomicReference<@Nullable KafkaConsumer<String, byte[]>> consumer = new AtomicReference<>();

    /**
     * Starts consuming.
     *
     * @param config the consumer's settings ({@code bootstrap.servers}, security, ...); the republisher sets
     *     the deserializers, the group, manual commits, {@code auto.offset.reset=earliest} and {@code
     *     isolation.level=read_committed} itself
     * @param topic the leader's topic
     * @param group the follower's consumer group
     * @param republisher the follower to feed
     */
    @SuppressWarnings("this-escape") // start() is the constructor's last statement
    public KafkaRepublisher(Map<String, Object> config, String topic, String group, Republisher republisher) {
        super(republisher, "kafka:" + topic);
        Map<String, Object> consumerConfig = new HashMap<>(requireNonNull(config, "config"));
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, requireNonNull(group, "group"));
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.config = Map.copyOf(consumerConfig);
        this.topic = requireNonNull(topic, "topic");
        start();
    }

    @Override
    protected void consume() {
        try (KafkaConsumer<String, byte[]> session = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.set(session);
            if (isClosed()) {
                return;
            }
            session.subscribe(List.of(topic));
            connected();
            Deliveries<ConsumerRecord<String, byte[]>> deliveries = republisher().deliveries();
            while (!isClosed()) {
                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                try {
                    for (ConsumerRecord<String, byte[]> record : session.poll(Duration.ofMillis(500))) {
                        for (ConsumerRecord<String, byte[]> processed : deliveries.handle(read(record), record)) {
                            done.merge(new TopicPartition(processed.topic(), processed.partition()),
                                    new OffsetAndMetadata(processed.offset() + 1),
                                    (a, b) -> a.offset() >= b.offset() ? a : b);
                        }
                    }
                } catch (EventSourcingException e) {
                    stop(e);
                } finally {
                    if (!done.isEmpty()) {
                        session.commitSync(done);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.set(null);
        }
    }

    @Override
    protected void wake() {
        KafkaConsumer<String, byte[]> current = consumer.get();
        if (current != null) {
            current.wakeup();
        }
    }

    private static RelayedEvent read(ConsumerRecord<String, byte[]> record) {
        return RelayedEvent.read(name -> {
            Header header = record.headers().lastHeader(name);
            return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }, record.value() == null ? new byte[0] : record.value());
    }

    @Override
    public String toString() {
        return "KafkaRepublisher[" + topic + " -> " + republisher().follower() + "]";
    }
}
