package io.eventsourcing.messaging.rabbitmq;

import io.eventsourcing.messaging.fixtures.BrokerFixture;
import io.eventsourcing.messaging.fixtures.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A RabbitMQ node of the test's own, from the machine's RabbitMQ installation: its own node name, a free
 * port, its data, logs, configuration and Erlang cookie in a temporary directory, so restarting it never
 * touches the machine's broker.
 */
final class RabbitMqNode implements BrokerFixture.Restartable {
    private static final Path SERVER = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");

    private final Path directory;
    private final int port;
    private final int distributionPort;
    private final String node;
    private Process process;

    private RabbitMqNode(Path directory) throws IOException {
        this.directory = directory;
        this.port = ServerProcess.freePort();
        this.distributionPort = ServerProcess.freePort();
        this.node = "es-relay-" + UUID.randomUUID().toString().substring(0, 8) + "@localhost";
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("rabbitmq.conf"), "listeners.tcp.default = 127.0.0.1:" + port + "\n"
                + "loopback_users = none\n");
        Files.writeString(directory.resolve("rabbitmq-env.conf"), "");
        Files.writeString(directory.resolve("enabled_plugins"), "[].\n");
    }

    /** Whether the machine has RabbitMQ installed where this helper looks for it. */
    static boolean installed() {
        return Files.isExecutable(SERVER);
    }

    /** Starts a node; fails if it is not up within a minute. */
    static RabbitMqNode start(Path directory) throws IOException, InterruptedException {
        RabbitMqNode node = new RabbitMqNode(directory);
        node.startProcess();
        return node;
    }

    private void startProcess() throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", directory.toString());
        env.put("RABBITMQ_NODENAME", node);
        env.put("RABBITMQ_NODE_PORT", Integer.toString(port));
        env.put("RABBITMQ_DIST_PORT", Integer.toString(distributionPort));
        env.put("RABBITMQ_CONFIG_FILE", directory.resolve("rabbitmq.conf").toString());
        env.put("RABBITMQ_CONF_ENV_FILE", directory.resolve("rabbitmq-env.conf").toString());
        env.put("RABBITMQ_ENABLED_PLUGINS_FILE", directory.resolve("enabled_plugins").toString());
        env.put("RABBITMQ_MNESIA_BASE", directory.resolve("mnesia").toString());
        env.put("RABBITMQ_LOG_BASE", directory.resolve("log").toString());
        env.put("RABBITMQ_PID_FILE", directory.resolve("rabbitmq.pid").toString());
        env.put("ERL_EPMD_ADDRESS", "127.0.0.1");
        process = ServerProcess.start(List.of(SERVER.toString()), env, directory.resolve("server.out"), port,
                Duration.ofMinutes(1));
    }

    @Override
    public BrokerFixture fixture() {
        return new RabbitMqFixture(Map.of("RABBITMQ_HOST", "127.0.0.1", "RABBITMQ_PORT", Integer.toString(port)));
    }

    /** Stops the node (SIGTERM: a clean shutdown that keeps durable queues and persistent messages) and starts it again. */
    @Override
    public void restart() throws IOException, InterruptedException {
        stop();
        startProcess();
    }

    private void stop() {
        // The script runs the Erlang VM as a child; stopping the VM through its pid file stops the script too.
        try {
            long pid = Long.parseLong(Files.readString(directory.resolve("rabbitmq.pid")).strip());
            ProcessHandle.of(pid).ifPresent(vm -> {
                vm.destroy();
                vm.onExit().orTimeout(30, TimeUnit.SECONDS).join();
            });
        } catch (IOException | NumberFormatException e) {
            // no pid file: the node never got that far
        }
        ServerProcess.stop(process);
    }

    @Override
    public void close() {
        stop();
    }
}
