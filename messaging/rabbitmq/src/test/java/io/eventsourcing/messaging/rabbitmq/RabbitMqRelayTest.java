package io.eventsourcing.messaging.rabbitmq;

import io.eventsourcing.messaging.fixtures.BrokerFixture;
import io.eventsourcing.messaging.fixtures.BrokerRestartConformance;
import io.eventsourcing.tck.Databases;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

/**
 * The relay conformance suite on RabbitMQ: the machine's broker (127.0.0.1:5672, guest/guest; start it
 * with {@code ../shared/services.sh rabbitmq}), and for the restart test a node of the test's own.
 */
class RabbitMqRelayTest extends BrokerRestartConformance {
    @BeforeAll
    static void rabbitMqAnswers() {
        Databases.requireReachable("RabbitMQ", "127.0.0.1", 5672);
    }

    @Override
    protected BrokerFixture broker() {
        return new RabbitMqFixture(Map.of());
    }

    @Override
    protected BrokerFixture.Restartable startRestartableBroker(Path directory) throws Exception {
        if (!RabbitMqNode.installed()) {
            throw new AssertionError("RabbitMQ is not installed here (/usr/lib/rabbitmq/bin/rabbitmq-server); "
                    + "install the Debian package rabbitmq-server");
        }
        return RabbitMqNode.start(directory);
    }
}
