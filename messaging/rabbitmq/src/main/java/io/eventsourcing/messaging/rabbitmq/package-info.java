/**
 * RabbitMQ: {@link io.eventsourcing.messaging.rabbitmq.RabbitMqPublisher} sends a leader's events to a
 * durable direct exchange with publisher confirms; {@link io.eventsourcing.messaging.rabbitmq.RabbitMqRepublisher}
 * consumes them from durable queues bound to it and feeds a local follower, acknowledging each message
 * after the follower committed.
 */
@NullMarked
package io.eventsourcing.messaging.rabbitmq;

import org.jspecify.annotations.NullMarked;
