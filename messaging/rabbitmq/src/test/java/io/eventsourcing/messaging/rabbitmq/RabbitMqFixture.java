package io.eventsourcing.messaging.rabbitmq;

import com.rabbitmq.client.ConnectionFactory;
import io.eventsourcing.application.Application;
import io.eventsourcing.messaging.PublisherSettings;
import io.eventsourcing.messaging.Republisher;
import io.eventsourcing.messaging.fixtures.BrokerFixture;
import io.eventsourcing.persistence.TrackingRecorder;
import java.util.Map;

/** The relay conformance suite's broker: a RabbitMQ at {@code RABBITMQ_HOST}:{@code RABBITMQ_PORT}, guest/guest. */
final class RabbitMqFixture implements BrokerFixture {
    private final String host;
    private final int port;

    RabbitMqFixture(Map<String, String> env) {
        this.host = env.getOrDefault("RABBITMQ_HOST", "127.0.0.1");
        this.port = Integer.parseInt(env.getOrDefault("RABBITMQ_PORT", "5672"));
    }

    ConnectionFactory connections() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername("guest");
        factory.setPassword("guest");
        factory.setConnectionTimeout(5000);
        return factory;
    }

    @Override
    public AutoCloseable publish(Application leader, TrackingRecorder positions, PublisherSettings settings,
            String destination) {
        return new RabbitMqPublisher(leader, positions, connections(), destination, settings);
    }

    @Override
    public AutoCloseable republish(Republisher republisher, String destination, String queue, int lanes) {
        return new RabbitMqRepublisher(connections(), destination, queue, lanes, republisher);
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("RABBITMQ_HOST", host, "RABBITMQ_PORT", Integer.toString(port));
    }
}
