package io.eventsourcing.messaging;

import java.util.List;

/**
 * A connection to a broker that a {@link Publisher} sends through; each broker module has one. Used by
 * one thread at a time.
 */
public interface BrokerSender extends AutoCloseable {

    /**
     * Sends the events in order and returns only once the broker has confirmed that it keeps every one of
     * them (RabbitMQ publisher confirms, the SQS send response, Kafka's acks=all).
     *
     * @throws Exception if any was refused or not confirmed in time; the publisher then closes this sender,
     *     connects again and sends again from its recorded position, so nothing is lost
     */
    void send(List<RelayedEvent> events) throws Exception;

    /** Closes the connection; must not throw. */
    @Override
    void close();

    /** Opens a {@link BrokerSender}: called at the start and after every failure. */
    @FunctionalInterface
    interface Connector {
        /**
         * Connects to the broker (and declares what the sender needs there).
         *
         * @throws Exception if the broker cannot be reached; the publisher tries again later
         */
        BrokerSender connect() throws Exception;
    }
}
