package io.eventsourcing.messaging.kafka;

import io.eventsourcing.messaging.fixtures.RelayBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The relay benchmark on a one-node KRaft broker started in a JVM of its own. Arguments: the backlog
 * (default 20000) and the number of single events timed (default 500).
 */
public final class KafkaRelayBenchmark {
    private KafkaRelayBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path directory = Files.createTempDirectory("kafka-bench");
        try (KafkaBroker broker = KafkaBroker.start(directory)) {
            RelayBenchmark.run(broker.fixture(), "Kafka", args.length > 0 ? Integer.parseInt(args[0]) : 20000,
                    args.length > 1 ? Integer.parseInt(args[1]) : 500);
        } finally {
            RelayBenchmark.delete(directory);
        }
        System.exit(0);
    }
}
