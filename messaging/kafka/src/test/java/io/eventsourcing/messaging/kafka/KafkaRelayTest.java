package io.eventsourcing.messaging.kafka;

import io.eventsourcing.messaging.fixtures.BrokerFixture;
import io.eventsourcing.messaging.fixtures.BrokerRestartConformance;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay conformance suite on Kafka: a KRaft broker started once for the class in a JVM of its own,
 * and for the restart test a second one of the test's own.
 */
class KafkaRelayTest extends BrokerRestartConformance {
    private static KafkaBroker broker;
    @TempDir
    static Path brokerDirectory;

    @BeforeAll
    static void startKafka() throws Exception {
        broker = KafkaBroker.start(brokerDirectory);
    }

    @AfterAll
    static void stopKafka() {
        if (broker != null) {
            broker.close();
        }
    }

    @Override
    protected BrokerFixture broker() {
        return broker.fixture();
    }

    @Override
    protected BrokerFixture.Restartable startRestartableBroker(Path directory) throws Exception {
        return KafkaBroker.start(directory);
    }
}
