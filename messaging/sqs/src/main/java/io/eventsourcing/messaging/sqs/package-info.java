/**
 * Amazon SQS: {@link io.eventsourcing.messaging.sqs.SqsPublisher} sends a leader's events to a FIFO queue,
 * one message group per lane; {@link io.eventsourcing.messaging.sqs.SqsRepublisher} receives them and feeds
 * a local follower, deleting each message after the follower committed.
 */
@NullMarked
package io.eventsourcing.messaging.sqs;

import org.jspecify.annotations.NullMarked;
