package io.eventsourcing.messaging.rabbitmq.spring;

import io.eventsourcing.messaging.internal.RelayBeans;
import io.eventsourcing.messaging.rabbitmq.RabbitMqPublisher;
import io.eventsourcing.messaging.rabbitmq.RabbitMqRepublisher;
import java.util.List;

/**
 * The RabbitMQ publishers and republishers the auto-configuration started; closed with the context,
 * before the applications.
 */
public final class RabbitMqRelays implements AutoCloseable {
    private final RelayBeans.Group group = new RelayBeans.Group();

    RabbitMqRelays() {}

    RabbitMqPublisher add(RabbitMqPublisher publisher) {
        return group.add(publisher);
    }

    RabbitMqRepublisher add(RabbitMqRepublisher republisher) {
        return group.add(republisher);
    }

    /** The publishers, in the order configured. */
    public List<RabbitMqPublisher> publishers() {
        return group.all().stream().filter(RabbitMqPublisher.class::isInstance).map(RabbitMqPublisher.class::cast)
                .toList();
    }

    /** The republishers, in the order configured. */
    public List<RabbitMqRepublisher> republishers() {
        return group.all().stream().filter(RabbitMqRepublisher.class::isInstance)
                .map(RabbitMqRepublisher.class::cast).toList();
    }

    /** Stops them all; rethrows the first republisher's follower error, if any. */
    @Override
    public void close() {
        group.close();
    }
}
