package io.eventsourcing.messaging.sqs;

import io.eventsourcing.messaging.fixtures.BrokerFixture;
import io.eventsourcing.messaging.fixtures.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * ElasticMQ, a real SQS-compatible server from Maven Central, run by the tests in a JVM of its own (from
 * this JVM's class path) on a free port, keeping its queues and messages in a temporary directory.
 */
final class ElasticMq implements AutoCloseable {
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

    /**
     * Starts the server and waits until it answers SQS calls, not only its port; a start that does not
     * answer within a minute is given up and made again, once.
     */
    private void startProcess() throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            process = ServerProcess.start(ServerProcess.java("org.elasticmq.server.Main", List.of("-Xmx256m",
                    "-Dconfig.file=" + directory.resolve("elasticmq.conf"))), Map.of(), directory.resolve("server.out"),
                    port, Duration.ofMinutes(1));
            if (answersCalls(Duration.ofMinutes(1)) || attempt == 2) {
                return;
            }
            System.out.println("ElasticMQ on port " + port + " did not answer; starting it again. Its log:\n"
                    + Files.readString(directory.resolve("server.out")));
            process.destroyForcibly().waitFor();
        }
    }

    private boolean answersCalls(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (var sqs = new SqsFixture(Map.of(SqsFixture.PORT, Integer.toString(port))).client()) {
            while (System.nanoTime() < deadline && process.isAlive()) {
                try {
                    sqs.listQueues();
                    return true;
                } catch (SdkException e) {
                    Thread.sleep(200);
                }
            }
        }
        return false;
    }

    /** The relay conformance suite's view of it. */
    BrokerFixture fixture() {
        return new SqsFixture(Map.of(SqsFixture.PORT, Integer.toString(port)));
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            try {
                System.out.println("ElasticMQ had exited:\n" + Files.readString(directory.resolve("server.out")));
            } catch (IOException e) {
                System.out.println("ElasticMQ had exited; its log is unreadable: " + e);
            }
        }
        ServerProcess.stop(process);
    }
}
