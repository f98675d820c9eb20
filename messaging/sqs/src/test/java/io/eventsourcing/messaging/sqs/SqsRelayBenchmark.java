package io.eventsourcing.messaging.sqs;

import io.eventsourcing.messaging.fixtures.RelayBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The relay benchmark on ElasticMQ, started in a JVM of its own with its messages on disk. Arguments: the
 * backlog (default 20000) and the number of single events timed (default 500).
 */
public final class SqsRelayBenchmark {
    private SqsRelayBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path directory = Files.createTempDirectory("elasticmq-bench");
        try (ElasticMq server = ElasticMq.start(directory)) {
            RelayBenchmark.run(server.fixture(), "SQS (ElasticMQ)", args.length > 0 ? Integer.parseInt(args[0]) : 20000,
                    args.length > 1 ? Integer.parseInt(args[1]) : 500);
        } finally {
            RelayBenchmark.delete(directory);
        }
        System.exit(0);
    }
}
