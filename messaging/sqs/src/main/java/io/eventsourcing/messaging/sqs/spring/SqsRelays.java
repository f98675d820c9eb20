package io.eventsourcing.messaging.sqs.spring;

import io.eventsourcing.messaging.internal.RelayBeans;
import io.eventsourcing.messaging.sqs.SqsPublisher;
import io.eventsourcing.messaging.sqs.SqsRepublisher;
import java.util.List;

/** The SQS publishers and republishers the auto-configuration started; closed with the context, before the applications. */
public final class SqsRelays implements AutoCloseable {
    private final RelayBeans.Group group = new RelayBeans.Group();

    SqsRelays() {}

    <T extends AutoCloseable> T add(T relay) {
        return group.add(relay);
    }

    /** The publishers, in the order configured. */
    public List<SqsPublisher> publishers() {
        return group.all().stream().filter(SqsPublisher.class::isInstance).map(SqsPublisher.class::cast).toList();
    }

    /** The republishers, in the order configured. */
    public List<SqsRepublisher> republishers() {
        return group.all().stream().filter(SqsRepublisher.class::isInstance).map(SqsRepublisher.class::cast).toList();
    }

    /** Stops them all; rethrows the first republisher's follower error, if any. */
    @Override
    public void close() {
        group.close();
    }
}
