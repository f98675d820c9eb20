package io.eventsourcing.messaging.sqs;

import io.eventsourcing.messaging.fixtures.BrokerFixture;
import io.eventsourcing.messaging.fixtures.RelayConformance;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay conformance suite on SQS: ElasticMQ, started once for the class in a JVM of its own. Not the
 * broker-restart suite: ElasticMQ restores a FIFO queue's messages out of order after a restart, and at
 * times without messages it had acknowledged, which Amazon SQS never does.
 */
class SqsRelayTest extends RelayConformance {
    private static ElasticMq server;
    @TempDir
    static Path serverDirectory;

    @BeforeAll
    static void startElasticMq() throws Exception {
        server = ElasticMq.start(serverDirectory);
    }

    @AfterAll
    static void stopElasticMq() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected BrokerFixture broker() {
        return server.fixture();
    }

}
