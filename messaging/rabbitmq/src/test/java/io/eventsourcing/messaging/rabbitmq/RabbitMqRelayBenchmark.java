package io.eventsourcing.messaging.rabbitmq;

import io.eventsourcing.messaging.fixtures.RelayBenchmark;
import java.util.Map;

/**
 * The relay benchmark on the machine's RabbitMQ (127.0.0.1:5672). Arguments: the backlog (default
 * 20000) and the number of single events timed (default 500).
 */
public final class RabbitMqRelayBenchmark {
    private RabbitMqRelayBenchmark() {}

    public static void main(String[] args) throws Exception {
        RelayBenchmark.run(new RabbitMqFixture(Map.of()), "RabbitMQ", args.length > 0 ? Integer.parseInt(args[0]) : 20000,
                args.length > 1 ? Integer.parseInt(args[1]) : 500);
        System.exit(0);
    }
}
