package io.eventsourcing.messaging.sqs;

import io.eventsourcing.messaging.fixtures.BrokerFixture;
import io.eventsourcing.messaging.fixtures.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * ElasticMQ, a real SQS-compatible server from Maven Central, run by the tests in a JVM of its own (from
 * this JVM's class path) on a free port, keeping its queues and messages in a temporary directory so it
 * can be restarted without losing them.
 */
final class ElasticMq implements BrokerFixture.Restartable {
    private final Path directory;
    private final int port;
    private Process process;

    private ElasticMq(Path directory) throws IOException {
        this.directory = directory;
        this.port = ServerProcess.freePort();
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("elasticmq.conf"), """
                include classpath("application.conf")
                node-address { protocol = "http", host = "127.0.0.1", port = %d, context-path = "" }
                rest-sqs { enabled = true, bind-port = %d, bind-hostname = "127.0.0.1", sqs-limits = strict }
                queues-storage { enabled = true, path = "%s" }
                messages-storage { enabled = true, uri = "jdbc:h2:%s" }
                pekko.loglevel = "WARNING"
                """.formatted(port, port, directory.resolve("queues.conf"), directory.resolve("messages")));
    }

    /** Starts a server; fails if it does not answer within a minute. */
    static ElasticMq start(Path directory) throws IOException, InterruptedException {
        ElasticMq server = new ElasticMq(directory);
        server.startProcess();
        return server;
    }

    int port() {
        return port;
    }

    private void startProcess() throws IOException, InterruptedException {
        process = ServerProcess.start(ServerProcess.java("org.elasticmq.server.Main", List.of("-Xmx256m",
                "-Dconfig.file=" + directory.resolve("elasticmq.conf"))), Map.of(), directory.resolve("server.out"),
                port, Duration.ofMinutes(1));
    }

    @Override
    public BrokerFixture fixture() {
        return new SqsFixture(Map.of(SqsFixture.PORT, Integer.toString(port)));
    }

    /** Stops the server (SIGTERM) and starts it again on the same port, with the same queues and messages. */
    @Override
    public void restart() throws IOException, InterruptedException {
        ServerProcess.stop(process);
        startProcess();
    }

    @Override
    public void close() {
        ServerProcess.stop(process);
    }
}
