package io.eventsourcing.messaging.kafka;

import io.eventsourcing.messaging.fixtures.RelayBenchmark;
import java.nio.file.Files;

/**
 * The relay benchmark on a one-node KRaft broker started in a JVM of its own. Arguments: the backlog
 * (default 20000) and the number of single events timed (default 500).
 */
public final class KafkaRelayBenchmark {
    private KafkaRelayBenchmark() {}

    public static void main(String[] args) throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(Files.createTempDirectory("kafka-bench"))) {
            RelayBenchmark.run(broker.fixture(), "Kafka", args.length > 0 ? Integer.parseInt(args[0]) : 20000,
                    args.length > 1 ? Integer.parseInt(args[1]) : 500);
        }
        System.exit(0);
    }
}
