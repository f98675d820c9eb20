package io.eventsourcing.messaging.kafka;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.application.Application;
import io.eventsourcing.messaging.BrokerSender;
import io.eventsourcing.messaging.Publisher;
import io.eventsourcing.messaging.PublisherSettings;
import io.eventsourcing.persistence.TrackingRecorder;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.jspecify.annotations.Nullable;

/**
 * Publishes a leader application's events to a Kafka topic with an idempotent producer and {@code
 * acks=all}: each lane goes to the partition of its number (the topic needs at least as many partitions
 * as lanes), keyed by the originator id, with the {@link io.eventsourcing.messaging.RelayedEvent} headers
 * as record headers and the event as value. Its position is recorded only after every record up to it
 * was acknowledged by all in-sync replicas. Within one producer session the idempotent producer neither
 * reorders nor duplicates; across sessions the republisher drops the copies.
 *
 * <p>Thread-safe. Close it to stop.
 */
public final class KafkaPublisher extends Publisher {

    /**
     * Starts publishing, with the position recorded in the leader's own database (its factory's tracking
     * recorder, under {@code settings.name()}).
     *
     * @param leader the application whose events are sent (not closed by the publisher)
     * @param config the producer's settings ({@code bootstrap.servers}, security, ...); the publisher sets
     *     the serializers, {@code acks=all} and {@code enable.idempotence=true} itself
     * @param topic the topic
     * @param settings the name of the position, lanes (partitions), body, topics, batch size, pauses
     * @throws IllegalArgumentException if {@code config} asks for fewer acknowledgements or no idempotence
     */
    public KafkaPublisher(Application leader, Map<String, Object> config, String topic, PublisherSettings settings) {
        this(leader, null, config, topic, settings);
    }

    /**
     * Starts publishing, with the position recorded in the tracking recorder given.
     *
     * @param positions where the position is recorded (not closed by the publisher); null for the
     *     leader's own database
     */
    public KafkaPublisher(Application leader, @Nullable TrackingRecorder positions, Map<String, Object> config,
            String topic, PublisherSettings settings) {
        super(leader, positions, connector(config, topic, settings.lanes()), settings);
    }

    private static BrokerSender.Connector connector(Map<String, Object> config, String topic, int lanes) {
        Map<String, Object> producer = producerConfig(Map.copyOf(requireNonNull(config, "config")));
        requireNonNull(topic, "topic");
        return () -> new KafkaSender(producer, topic, lanes);
    }

    /**
     * The producer settings: the user's, with those the guarantees need.
     *
     * @throws IllegalArgumentException if the user's settings ask for fewer acknowledgements or no idempotence
     */
    static Map<String, Object> producerConfig(Map<String, Object> config) {
        Object acks = config.get(ProducerConfig.ACKS_CONFIG);
        if (acks != null && !acks.toString().equals("all") && !acks.toString().equals("-1")) {
            throw new IllegalArgumentException("acks is '" + acks + "'; the publisher needs acks=all (or leave it out)");
        }
        Object idempotence = config.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG);
        if (idempotence != null && !Boolean.parseBoolean(idempotence.toString())) {
            throw new IllegalArgumentException("enable.idempotence is '" + idempotence + "'; the publisher needs true "
                    + "(or leave it out)");
        }
        Map<String, Object> producer = new HashMap<>(config);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
        return producer;
    }
}
