package io.eventsourcing.messaging.sqs;

import io.eventsourcing.messaging.fixtures.BrokerFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
        this.port = freePort();
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
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                "-Dconfig.file=" + directory.resolve("elasticmq.conf"), "-cp", System.getProperty("java.class.path"),
                "org.elasticmq.server.Main")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("server.out").toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!answers()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("ElasticMQ did not start on port " + port + ":\n"
                        + Files.readString(directory.resolve("server.out")));
            }
            Thread.sleep(100);
        }
    }

    private boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public BrokerFixture fixture() {
        return new SqsFixture(Map.of(SqsFixture.PORT, Integer.toString(port)));
    }

    /** Stops the server (SIGTERM) and starts it again on the same port, with the same queues and messages. */
    @Override
    public void restart() throws IOException, InterruptedException {
        stop();
        startProcess();
    }

    private void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
