package io.eventsourcing.messaging.kafka;

import io.eventsourcing.messaging.BrokerSender;
import io.eventsourcing.messaging.RelayException;
import io.eventsourcing.messaging.RelayedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends to a Kafka topic with an idempotent producer and {@code acks=all}: each lane to its partition, the
 * originator id as key; a batch is sent when every record's send has completed without error, that is,
 * when all in-sync replicas have it. One producer per session: after a failure a new one (with a new
 * producer id) starts again from the recorded position.
 */
final class KafkaSender implements BrokerSender {
    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    KafkaSender(Map<String, Object> config, String topic, int lanes) {
        this.topic = topic;
        this.producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer());
        try {
            List<PartitionInfo> partitions = producer.partitionsFor(topic);
            if (partitions.size() < lanes) {
                throw new RelayException("Kafka topic " + topic + " has " + partitions.size() + " partitions; "
                        + lanes + " lanes need at least " + lanes);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void send(List<RelayedEvent> events) throws InterruptedException {
        List<Future<RecordMetadata>> sends = new ArrayList<>(events.size());
        for (RelayedEvent event : events) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, event.lane(),
                    event.notification().originatorId().toString(), event.payload());
            event.headers().forEach((name, value) ->
                    record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8))));
            sends.add(producer.send(record));
        }
        producer.flush();
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get();
            } catch (ExecutionException e) {
                throw new RelayException("Kafka did not take " + events.get(i).deduplicationId() + " on topic " + topic
                        + ": " + e.getCause(), e.getCause());
            }
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
