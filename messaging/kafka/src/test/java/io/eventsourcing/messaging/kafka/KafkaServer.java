package io.eventsourcing.messaging.kafka;

import io.eventsourcing.messaging.fixtures.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;

/**
 * A one-node Kafka cluster in KRaft mode (broker and controller in one process), from the Maven Central
 * jars on this JVM's class path, run by the tests in a JVM of its own on free ports with its logs in a
 * temporary directory; restartable with its data. The examples' tests use it too (this module's test jar).
 */
public final class KafkaServer implements AutoCloseable {
    private final Path directory;
    private final int port;
    private Process process;

    private KafkaServer(Path directory) throws IOException, InterruptedException {
        this.directory = directory;
        this.port = ServerProcess.freePort();
        int controllerPort = ServerProcess.freePort();
        Files.createDirectories(directory);
        Path properties = directory.resolve("server.properties");
        Files.writeString(properties, """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@127.0.0.1:%d
                listeners=PLAINTEXT://127.0.0.1:%d,CONTROLLER://127.0.0.1:%d
                advertised.listeners=PLAINTEXT://127.0.0.1:%d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%s
                num.partitions=1
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=3
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                auto.create.topics.enable=false
                """.formatted(controllerPort, port, controllerPort, port, directory.resolve("data")));
        ServerProcess.run(ServerProcess.java("kafka.tools.StorageTool", List.of("-Xmx256m"), "format", "-t",
                Uuid.randomUuid().toString(), "-c", properties.toString()), log(), Duration.ofMinutes(2));
    }

    /** Formats the storage and starts the broker; fails if it does not answer within two minutes. */
    public static KafkaServer start(Path directory) throws IOException, InterruptedException {
        KafkaServer server = new KafkaServer(directory);
        server.startProcess();
        return server;
    }

    /** Where clients connect: {@code 127.0.0.1:port}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    private Path log() {
        return directory.resolve("server.out");
    }

    private void startProcess() throws IOException, InterruptedException {
        process = ServerProcess.start(ServerProcess.java("kafka.Kafka", List.of("-Xmx512m"),
                directory.resolve("server.properties").toString()), Map.of(), log(), port, Duration.ofMinutes(2));
    }

    /** Stops the broker (SIGTERM: a controlled shutdown) and starts it again on the same ports and data. */
    public void restart() throws IOException, InterruptedException {
        ServerProcess.stop(process);
        startProcess();
    }

    @Override
    public void close() {
        ServerProcess.stop(process);
    }
}
