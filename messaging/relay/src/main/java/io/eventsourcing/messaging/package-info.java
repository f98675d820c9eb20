/**
 * Relaying an application's events through a message broker: a {@link io.eventsourcing.messaging.Publisher}
 * follows a leader's notification log and sends each event, recording its position only after the broker
 * confirmed; a {@link io.eventsourcing.messaging.Republisher} hands the events a broker delivers to a local
 * process application or projection, which records each exactly once. The broker modules
 * ({@code eventsourcing-rabbitmq}, {@code -sqs}, {@code -kafka}) supply the {@link
 * io.eventsourcing.messaging.BrokerSender} and the consumers.
 */
@NullMarked
package io.eventsourcing.messaging;

import org.jspecify.annotations.NullMarked;
