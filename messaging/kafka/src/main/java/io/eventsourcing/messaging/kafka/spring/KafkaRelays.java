package io.eventsourcing.messaging.kafka.spring;

import io.eventsourcing.messaging.Relays;
import io.eventsourcing.messaging.kafka.KafkaPublisher;
import io.eventsourcing.messaging.kafka.KafkaRepublisher;

/** The Kafka publishers and republishers the auto-configuration started; closed with the context, before the applications. */
public final class KafkaRelays extends Relays {
    KafkaRelays() {}

    KafkaPublisher start(KafkaPublisher publisher) {
        return add(publisher);
    }

    KafkaRepublisher start(KafkaRepublisher republisher) {
        return add(republisher);
    }
}
