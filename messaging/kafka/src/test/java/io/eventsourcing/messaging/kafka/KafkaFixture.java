package io.eventsourcing.messaging.kafka;

import io.eventsourcing.application.Application;
import io.eventsourcing.messaging.PublisherSettings;
import io.eventsourcing.messaging.Republisher;
import io.eventsourcing.messaging.fixtures.BrokerFixture;
import io.eventsourcing.persistence.TrackingRecorder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/** The relay conformance suite's broker: Kafka at {@code KAFKA_BOOTSTRAP}; a destination is a topic. */
final class KafkaFixture implements BrokerFixture {
    static final String BOOTSTRAP = "KAFKA_BOOTSTRAP";

    private final String bootstrap;

    KafkaFixture(Map<String, String> env) {
        this.bootstrap = env.get(BOOTSTRAP);
    }

    Map<String, Object> producer() {
        return Map.of("bootstrap.servers", bootstrap);
    }

    /** Short session timeouts, so a consumer killed is replaced in seconds, not 45. */
    Map<String, Object> consumer() {
        return Map.of("bootstrap.servers", bootstrap, "session.timeout.ms", 6000, "heartbeat.interval.ms", 1000);
    }

    @Override
    public void prepare(String destination, int lanes) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(destination, lanes, (short) 1))).all().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topic " + destination, e);
        }
    }

    @Override
    public AutoCloseable publish(Application leader, TrackingRecorder positions, PublisherSettings settings,
            String destination) {
        return new KafkaPublisher(leader, positions, producer(), destination, settings);
    }

    @Override
    public AutoCloseable republish(Republisher republisher, String destination, String queue, int lanes) {
        return new KafkaRepublisher(consumer(), destination, queue, republisher);
    }

    @Override
    public Map<String, String> settings() {
        return Map.of(BOOTSTRAP, bootstrap);
    }
}
