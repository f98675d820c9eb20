package io.eventsourcing.postgres.testkit;

import io.eventsourcing.tck.Databases;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/*
 * Design: the cluster is the installed server's own binaries (initdb, pg_ctl) run on a data directory
 * in a new temporary directory, listening on 127.0.0.1 at a port that was free, with its Unix socket in
 * that directory too: it shares nothing with the machine's own cluster (port, socket, data, config).
 * PostgreSQL refuses to run as root, so when the tests run as root every server command runs as the
 * `postgres` user (runuser) and the directory is handed to that user. Authentication is
 * scram-sha-256 with a random password, so wrong passwords can be tested. Faults are the operator's
 * own tools: pg_ctl restart in fast mode (clients are disconnected, a checkpoint is written) or in
 * immediate mode (the server stops as if it crashed and recovers from its WAL at the next start), and
 * pg_terminate_backend. close() stops the server at once and deletes the directory; a shutdown hook
 * does the same if the JVM ends without closing it.
 */

/**
 * A PostgreSQL server of the tests' own: started from the installed server binaries on a free port in
 * a temporary directory, with a superuser {@code postgres} whose password is {@link #password()}.
 * Restart it, crash it, terminate its backends; {@link #close()} stops it and deletes everything.
 * The binaries are found in {@code PG_BIN}, else the newest {@code /usr/lib/postgresql/<version>/bin}.
 * Without them a test is skipped, saying so, except under {@code CI=true}, where it fails.
 *
 * <p>Thread-safe: faults may be injected from one thread while others use the server.
 */
public final class PostgresCluster implements AutoCloseable {
    /** The superuser. */
    public static final String SUPERUSER = "postgres";
    /** The host the server listens on. */
    public static final String HOST = "127.0.0.1";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);

    /** How the server stops. */
    public enum Stop {
        /** Clients are disconnected and a checkpoint is written ({@code pg_ctl -m fast}). */
        FAST,
        /** The server quits at once, as if it crashed; it recovers from its WAL when started ({@code -m immediate}). */
        IMMEDIATE
    }

    private final Path bin;
    private final Path base;
    private final Path data;
    private final Path log;
    private final int port;
    private final String password;
    private final boolean asPostgresUser;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private PostgresCluster(Path bin, Path base, int port, String password, boolean asPostgresUser) {
        this.bin = bin;
        this.base = base;
        this.data = base.resolve("data");
        this.log = base.resolve("server.log");
        this.port = port;
        this.password = password;
        this.asPostgresUser = asPostgresUser;
        this.shutdownHook = new Thread(this::destroy, "postgres-cluster-cleanup-" + port);
    }

    /**
     * Creates a new cluster and starts it.
     *
     * @param settings lines added to its {@code postgresql.conf}, e.g. {@code "max_connections = 50"}
     */
    public static PostgresCluster launch(String... settings) {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path base;
        try {
            base = Files.createTempDirectory("es-postgres-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PostgresCluster cluster = new PostgresCluster(bin, base, freePort(), "pw-" + Long.toHexString(System.nanoTime()),
                root);
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            cluster.init(List.of(settings));
            cluster.start();
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** The port the server listens on (the same across restarts). */
    public int port() {
        return port;
    }

    /** The directory of the server's data, configuration and log; deleted by {@link #close()}. */
    public Path directory() {
        return base;
    }

    /** The superuser's password. */
    public String password() {
        return password;
    }

    /** The JDBC URL of a database. */
    public String url(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
    }

    /** Settings for {@code PERSISTENCE_MODULE=postgres} on a database of this server, as the superuser. */
    public Map<String, String> env(String database) {
        Map<String, String> env = new HashMap<>();
        env.put("PERSISTENCE_MODULE", "postgres");
        env.put("POSTGRES_HOST", HOST);
        env.put("POSTGRES_PORT", String.valueOf(port));
        env.put("POSTGRES_DBNAME", database);
        env.put("POSTGRES_USER", SUPERUSER);
        env.put("POSTGRES_PASSWORD", password);
        return env;
    }

    /** A new connection to a database as the superuser. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), SUPERUSER, password);
    }

    /** Creates a database, unless it exists. */
    public void createDatabase(String name) {
        Databases.createPostgresDatabase("jdbc:postgresql://" + HOST + ":" + port + "/", SUPERUSER, password, name);
    }

    /** Starts the server and waits until it takes connections. */
    public synchronized void start() {
        pgCtl("start", "-w", "-t", "60", "-l", log.toString());
    }

    /** Stops the server, waiting until it has. */
    public synchronized void stop(Stop mode) {
        pgCtl("stop", "-w", "-t", "60", "-m", mode.name().toLowerCase(Locale.ROOT));
    }

    /** Stops the server and starts it again, waiting until it takes connections. */
    public synchronized void restart(Stop mode) {
        stop(mode);
        start();
    }

    /** Whether the server is running. */
    public boolean isRunning() {
        return run(false, command("pg_ctl", "status", "-D", data.toString())).exitCode() == 0;
    }

    /**
     * Ends every session connected to a database (other than the one asking), as
     * {@code pg_terminate_backend} does; their clients see their connection closed.
     *
     * @return how many sessions were ended
     */
    public int terminateBackends(String database) {
        try (Connection connection = connect("postgres");
                PreparedStatement terminate = connection.prepareStatement("SELECT count(pg_terminate_backend(pid)) "
                        + "FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
            terminate.setString(1, database);
            try (ResultSet rows = terminate.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("terminating the backends of " + database + " failed", e);
        }
    }

    /** The server's log so far, for a failing test's message. */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** Stops the server at once and deletes its directory. */
    @Override
    public void close() {
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down and the hook runs (or ran) anyway
        }
    }

    @Override
    public String toString() {
        return "PostgresCluster[" + HOST + ":" + port + ", " + base + "]";
    }

    private synchronized void destroy() {
        if (closed) {
            return;
        }
        closed = true;
        if (Files.exists(data.resolve("postmaster.pid"))) {
            run(false, command("pg_ctl", "stop", "-D", data.toString(), "-w", "-t", "30", "-m", "immediate"));
        }
        deleteRecursively(base);
    }

    private void init(List<String> settings) {
        try {
            Path passwordFile = base.resolve("password");
            Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
            if (asPostgresUser) {
                run(true, List.of("chown", "-R", "postgres:postgres", base.toString()));
            }
            run(true, command("initdb", "-D", data.toString(), "-U", SUPERUSER, "--auth=scram-sha-256",
                    "--pwfile=" + passwordFile, "-E", "UTF8", "--locale=C", "--no-sync"));
            List<String> conf = new ArrayList<>(List.of(
                    "port = " + port,
                    "listen_addresses = '" + HOST + "'",
                    "unix_socket_directories = '" + base + "'",
                    "max_connections = 100",
                    "shared_buffers = 32MB",
                    "log_min_messages = warning",
                    "log_connections = off"));
            conf.addAll(settings);
            Files.writeString(data.resolve("postgresql.conf"), "\n# added by PostgresCluster\n"
                    + String.join("\n", conf) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("setting up " + this + " failed", e);
        }
    }

    private void pgCtl(String action, String... options) {
        List<String> arguments = new ArrayList<>(List.of(action, "-D", data.toString()));
        arguments.addAll(List.of(options));
        Result result = run(false, command("pg_ctl", arguments.toArray(String[]::new)));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("pg_ctl " + action + " of " + this + " failed (exit " + result.exitCode()
                    + "): " + result.output() + "\nserver log:\n" + tail(log(), 4000));
        }
    }

    private List<String> command(String program, String... arguments) {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        return command;
    }

    private record Result(int exitCode, String output) {}

    private static Result run(boolean required, List<String> command) {
        Path output = null;
        try {
            // Output goes to a file, not a pipe: a server started by the command must not hold our pipe open.
            output = Files.createTempFile("es-postgres-command-", ".out");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + COMMAND_TIMEOUT);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (required && process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue()
                        + "): " + text);
            }
            return new Result(process.exitValue(), text);
        } catch (IOException e) {
            throw new UncheckedIOException("running " + String.join(" ", command) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    // a leftover temporary file is harmless
                }
            }
        }
    }

    /** The installed server's binaries; a skip (or, under CI, a failure) if there are none. */
    static Path binaries() {
        Optional<Path> found = findBinaries();
        if (found.isEmpty()) {
            String reason = "no PostgreSQL server binaries (initdb, pg_ctl) found: set PG_BIN or install the server "
                    + "(apt-get install postgresql)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(reason + "; under CI=true a test that needs its own PostgreSQL never skips");
            }
            System.err.println("SKIPPED: " + reason);
            Assumptions.abort(reason);
        }
        return found.get();
    }

    /** {@code PG_BIN}, else the newest {@code /usr/lib/postgresql/<version>/bin} with initdb and pg_ctl. */
    public static Optional<Path> findBinaries() {
        String configured = System.getenv("PG_BIN");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(PostgresCluster::hasServer);
        }
        Path versions = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(versions)) {
            return Optional.empty();
        }
        try (Stream<Path> installed = Files.list(versions)) {
            return installed.map(version -> version.resolve("bin")).filter(PostgresCluster::hasServer)
                    .max(Comparator.comparingInt(PostgresCluster::majorVersion));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean hasServer(Path bin) {
        return Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"))
                && Files.isExecutable(bin.resolve("postgres"));
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST, e);
        }
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e.getMessage());
        }
    }

    static String tail(String text, int length) {
        return text.length() <= length ? text : "..." + text.substring(text.length() - length);
    }
}
