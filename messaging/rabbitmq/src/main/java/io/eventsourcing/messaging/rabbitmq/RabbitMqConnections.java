package io.eventsourcing.messaging.rabbitmq;

import static java.util.Objects.requireNonNull;

import com.rabbitmq.client.ConnectionFactory;

/** Connection factories as the relay needs them. */
final class RabbitMqConnections {
    private RabbitMqConnections() {}

    /**
     * A copy of the user's factory without the client's automatic recovery: the relay reconnects by
     * itself and starts again from what is recorded, which a recovered channel would not.
     */
    static ConnectionFactory withoutRecovery(ConnectionFactory connections) {
        ConnectionFactory copy = requireNonNull(connections, "connections").clone();
        copy.setAutomaticRecoveryEnabled(false);
        copy.setTopologyRecoveryEnabled(false);
        return copy;
    }
}
