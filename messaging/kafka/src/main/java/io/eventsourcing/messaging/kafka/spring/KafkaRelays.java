package io.eventsourcing.messaging.kafka.spring;

import io.eventsourcing.messaging.internal.RelayBeans;
import io.eventsourcing.messaging.kafka.KafkaPublisher;
import io.eventsourcing.messaging.kafka.KafkaRepublisher;
import java.util.List;

/** The Kafka publishers and republishers the auto-configuration started; closed with the context, before the applications. */
public final class KafkaRelays implements AutoCloseable {
    private final RelayBeans.Group group = new RelayBeans.Group();

    KafkaRelays() {}

    <T extends AutoCloseable> T add(T relay) {
        return group.add(relay);
    }

    /** The publishers, in the order configured. */
    public List<KafkaPublisher> publishers() {
        return group.all().stream().filter(KafkaPublisher.class::isInstance).map(KafkaPublisher.class::cast).toList();
    }

    /** The republishers, in the order configured. */
    public List<KafkaRepublisher> republishers() {
        return group.all().stream().filter(KafkaRepublisher.class::isInstance).map(KafkaRepublisher.class::cast)
                .toList();
    }

    /** Stops them all; rethrows the first republisher's follower error, if any. */
    @Override
    public void close() {
        group.close();
    }
}
