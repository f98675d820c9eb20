/**
 * Kafka: {@link io.eventsourcing.messaging.kafka.KafkaPublisher} sends a leader's events to a topic with an
 * idempotent producer and {@code acks=all}, one partition per lane and the originator id as key;
 * {@link io.eventsourcing.messaging.kafka.KafkaRepublisher} consumes them in a consumer group and feeds a
 * local follower, committing offsets after the follower committed.
 */
@NullMarked
package io.eventsourcing.messaging.kafka;

import org.jspecify.annotations.NullMarked;
