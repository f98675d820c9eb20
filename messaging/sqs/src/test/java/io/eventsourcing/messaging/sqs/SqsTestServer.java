package io.eventsourcing.messaging.sqs;

import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;

/** An {@link ElasticMq} server and clients for it, for tests outside this package. */
public final class SqsTestServer implements AutoCloseable {
    private final ElasticMq server;

    private SqsTestServer(ElasticMq server) {
        this.server = server;
    }

    /** Starts ElasticMQ in a JVM of its own, keeping its data in {@code directory}. */
    public static SqsTestServer start(Path directory) throws Exception {
        return new SqsTestServer(ElasticMq.start(directory));
    }

    /** A new client of it. */
    public SqsClient client() {
        return new SqsFixture(Map.of(SqsFixture.PORT, Integer.toString(server.port()))).client();
    }

    @Override
    public void close() {
        server.close();
    }
}
