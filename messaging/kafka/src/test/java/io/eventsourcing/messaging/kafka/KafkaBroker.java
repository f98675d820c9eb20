package io.eventsourcing.messaging.kafka;

import io.eventsourcing.messaging.fixtures.BrokerFixture;
import java.nio.file.Path;
import java.util.Map;

/** A {@link KafkaServer} as the relay conformance suite restarts it. */
final class KafkaBroker implements BrokerFixture.Restartable {
    private final KafkaServer server;

    private KafkaBroker(KafkaServer server) {
        this.server = server;
    }

    static KafkaBroker start(Path directory) throws Exception {
        return new KafkaBroker(KafkaServer.start(directory));
    }

    @Override
    public BrokerFixture fixture() {
        return new KafkaFixture(Map.of(KafkaFixture.BOOTSTRAP, server.bootstrapServers()));
    }

    @Override
    public void restart() throws Exception {
        server.restart();
    }

    @Override
    public void close() {
        server.close();
    }
}
