package io.eventsourcing.messaging.sqs.spring;

import io.eventsourcing.messaging.Relays;
import io.eventsourcing.messaging.sqs.SqsPublisher;
import io.eventsourcing.messaging.sqs.SqsRepublisher;

/** The SQS publishers and republishers the auto-configuration started; closed with the context, before the applications. */
public final class SqsRelays extends Relays {
    SqsRelays() {}

    SqsPublisher start(SqsPublisher publisher) {
        return add(publisher);
    }

    SqsRepublisher start(SqsRepublisher republisher) {
        return add(republisher);
    }
}
