package io.eventsourcing.messaging.rabbitmq.spring;

import io.eventsourcing.messaging.Relays;
import io.eventsourcing.messaging.rabbitmq.RabbitMqPublisher;
import io.eventsourcing.messaging.rabbitmq.RabbitMqRepublisher;

/** The RabbitMQ publishers and republishers the auto-configuration started; closed with the context, before the applications. */
public final class RabbitMqRelays extends Relays {
    RabbitMqRelays() {}

    RabbitMqPublisher start(RabbitMqPublisher publisher) {
        return add(publisher);
    }

    RabbitMqRepublisher start(RabbitMqRepublisher republisher) {
        return add(republisher);
    }
}
