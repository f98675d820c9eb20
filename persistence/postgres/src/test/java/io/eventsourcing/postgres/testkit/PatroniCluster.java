package io.eventsourcing.postgres.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/*
 * Design: a highly available PostgreSQL cluster as operators run one: Patroni on each of three nodes,
 * an etcd of one member as the store Patroni keeps the leader lock and the configuration in, and
 * PostgreSQL's streaming replication in synchronous mode (synchronous_mode_strict: a commit waits for
 * a synchronous standby, and only that standby may be promoted, so an acknowledged commit survives the
 * loss of the primary). Everything runs on 127.0.0.1 at ports that were free, in one new temporary
 * directory; as root, every process runs as the postgres user (setpriv, which execs, so the process
 * started is the program itself). Patroni is told to fail over at once when the primary's postmaster
 * dies (primary_start_timeout: 0) and to check every second (loop_wait: 1), and rejoins the old
 * primary with pg_rewind. Commit timestamps are kept (track_commit_timestamp), so a test can check that
 * rows were committed in the order of their ids.
 *
 * Nothing may outlive the tests: close() kills Patroni and etcd, stops each PostgreSQL at once with
 * pg_ctl (so it releases its shared memory), and deletes the directory; a shutdown hook does the same
 * if the JVM exits without closing, and a reaper (a shell loop started with the cluster) does it if the
 * JVM is killed. Each process is killed only if its command line names the cluster's directory, so a
 * recycled process id is never hit.
 */

/**
 * A three-node PostgreSQL cluster managed by Patroni with etcd, in synchronous mode, started from the
 * installed server binaries (and Debian's {@code patroni} and {@code etcd-server} packages, installed
 * if missing) on free ports in a temporary directory. Kill the primary's postmaster, switch over, and
 * wait for the cluster to be whole again; {@link #close()} stops everything and deletes it.
 *
 * <p>Thread-safe: faults may be injected from one thread while others use the cluster.
 */
public final class PatroniCluster implements AutoCloseable {
    /** The host every node listens on. */
    public static final String HOST = PostgresCluster.HOST;
    /** The superuser. */
    public static final String SUPERUSER = PostgresCluster.SUPERUSER;
    private static final Path PATRONI = Path.of("/usr/bin/patroni");
    private static final Path ETCD = Path.of("/usr/bin/etcd");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * A node as Patroni reports it.
     *
     * @param name the node's name ({@code n1}, ...)
     * @param port its PostgreSQL port
     * @param role {@code leader}, {@code sync_standby} or {@code replica}
     * @param state {@code running}, {@code starting}, {@code stopped}, ...
     * @param timeline its timeline
     * @param lag its replication lag in bytes (0 for the leader), or -1 if unknown
     */
    public record Member(String name, int port, String role, String state, long timeline, long lag) {
        /** Whether it is the primary. */
        public boolean isLeader() {
            return role.equals("leader");
        }

        /** Whether it is running and streaming with no lag (or leads). */
        boolean isSettled() {
            return state.equals("running") || state.equals("streaming");
        }

        /** {@code 127.0.0.1:port}. */
        public String address() {
            return HOST + ":" + port;
        }
    }

    /** A node of the cluster as this class started it. */
    private record Node(String name, Path directory, int port, int apiPort) {
        Path data() {
            return directory.resolve("data");
        }
    }

    private final Path base;
    private final Path bin;
    private final String scope;
    private final String password;
    private final boolean asPostgresUser;
    private final int etcdPort;
    private final int etcdPeerPort;
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Process> patronis = new HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread shutdownHook;
    private @Nullable Process etcd;
    private @Nullable Process reaper;
    private volatile boolean closed;

    private PatroniCluster(Path base, Path bin, boolean asPostgresUser) {
        this.base = base;
        this.bin = bin;
        this.asPostgresUser = asPostgresUser;
        this.scope = "es-" + Long.toHexString(System.nanoTime());
        this.password = "pw-" + Long.toHexString(System.nanoTime());
        this.etcdPort = PostgresCluster.freePort();
        this.etcdPeerPort = PostgresCluster.freePort();
        this.shutdownHook = new Thread(this::destroy, "patroni-cluster-cleanup");
    }

    /**
     * Starts a cluster of {@code size} nodes and waits until it has a primary and every other node
     * replicates from it, one of them synchronously.
     *
     * @param size how many nodes, at least 2
     */
    public static PatroniCluster launch(int size) {
        if (size < 2) {
            throw new IllegalArgumentException("a synchronous cluster needs at least 2 nodes, not " + size);
        }
        Path bin = PostgresCluster.binaries();
        DebianPackages.require(List.of(PATRONI, ETCD), "patroni", "etcd-server");
        boolean root = "root".equals(System.getProperty("user.name"));
        Path base;
        try {
            base = Files.createTempDirectory("es-patroni-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PatroniCluster cluster = new PatroniCluster(base, bin, root);
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            cluster.start(size);
            return cluster;
        } catch (RuntimeException | Error e) {
            String logs = cluster.logs();
            cluster.close();
            throw new IllegalStateException("starting a Patroni cluster failed: " + e.getMessage() + "\n" + logs, e);
        }
    }

    /** The directory of every node's data, configuration and log, and etcd's; deleted by {@link #close()}. */
    public Path directory() {
        return base;
    }

    /** The superuser's password (also the applications'). */
    public String password() {
        return password;
    }

    /** Every node's {@code host:port}, comma-separated, in node order: a value for {@code POSTGRES_HOST}. */
    public String hosts() {
        return nodes.stream().map(node -> HOST + ":" + node.port()).collect(Collectors.joining(","));
    }

    /**
     * Settings for {@code PERSISTENCE_MODULE=postgres} on a database of the cluster, as the superuser,
     * with every node in {@code POSTGRES_HOST}: the application finds the primary among them.
     */
    public Map<String, String> env(String database) {
        Map<String, String> env = new HashMap<>();
        env.put("PERSISTENCE_MODULE", "postgres");
        env.put("POSTGRES_HOST", hosts());
        env.put("POSTGRES_DBNAME", database);
        env.put("POSTGRES_USER", SUPERUSER);
        env.put("POSTGRES_PASSWORD", password);
        return env;
    }

    /** A new connection to a database on a node, as the superuser. */
    public Connection connect(Member member, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + member.address() + "/" + database, SUPERUSER,
                password);
    }

    /** A new connection to a database on the primary. */
    public Connection connectToPrimary(String database) throws SQLException {
        return connect(leader(), database);
    }

    /** Creates a database on the primary (it replicates to the others), unless it exists. */
    public void createDatabase(String name) {
        Member leader = leader();
        io.eventsourcing.tck.Databases.createPostgresDatabase("jdbc:postgresql://" + leader.address() + "/",
                SUPERUSER, password, name);
    }

    /** The nodes as Patroni reports them now, in node order. */
    public List<Member> members() {
        IllegalStateException failure = null;
        for (Node node : nodes) {
            try {
                JsonNode cluster = JSON.readTree(get(node, "/cluster"));
                List<Member> members = new ArrayList<>();
                for (JsonNode member : cluster.path("members")) {
                    JsonNode lag = member.path("lag");
                    members.add(new Member(member.path("name").asString(), member.path("port").asInt(),
                            member.path("role").asString(), member.path("state").asString(),
                            member.path("timeline").asLong(), lag.isNumber() ? lag.asLong() : lag.isMissingNode() ? 0
                                    : -1));
                }
                members.sort((a, b) -> a.name().compareTo(b.name()));
                return members;
            } catch (IOException | RuntimeException e) {
                failure = new IllegalStateException("asking " + node.name() + " for the cluster failed: " + e, e);
            }
        }
        throw failure != null ? failure : new IllegalStateException("the cluster has no nodes");
    }

    /**
     * The primary now.
     *
     * @throws IllegalStateException if there is none (during a failover)
     */
    public Member leader() {
        return findLeader().orElseThrow(() -> new IllegalStateException("the cluster has no primary now: "
                + members()));
    }

    private Optional<Member> findLeader() {
        return members().stream().filter(Member::isLeader).findFirst();
    }

    /**
     * Kills the primary's postmaster with SIGKILL ({@code kill -9}), as a crash would: its sessions
     * end, nothing is written to disk any more, and Patroni promotes the synchronous standby.
     *
     * @return the node that was the primary
     */
    public Member killPrimary() {
        Member leader = leader();
        Node node = node(leader.name());
        long pid = postmasterPid(node).orElseThrow(() -> new IllegalStateException("no postmaster.pid in "
                + node.data()));
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(
                "the postmaster " + pid + " of " + leader.name() + " is not running"));
        handle.destroyForcibly();
        try {
            handle.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the postmaster " + pid + " did not die", e);
        }
        return leader;
    }

    /**
     * A planned switchover: Patroni stops the primary, promotes the synchronous standby and makes the
     * old primary a replica. Returns once Patroni says it is done.
     *
     * @return the node that was the primary
     */
    public Member switchover() {
        Member leader = leader();
        HttpRequest request = HttpRequest.newBuilder(api(node(leader.name()), "/switchover"))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("{\"leader\": \"" + leader.name() + "\"}")).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("switchover refused (" + response.statusCode() + "): "
                        + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("asking " + leader.name() + " to switch over failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return leader;
    }

    /**
     * Turns Patroni's maintenance mode on or off, and waits until every node says so: while it is on,
     * Patroni leaves PostgreSQL alone (no failover, and a standby whose replay was paused with
     * {@code pg_wal_replay_pause()} stays paused rather than being resumed at Patroni's next check).
     */
    public void maintenanceMode(boolean on) {
        patchConfig("{\"pause\": " + on + "}");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            boolean all = true;
            for (Node node : nodes) {
                try {
                    all &= JSON.readTree(get(node, "/patroni")).path("pause").asBoolean(false) == on;
                } catch (IOException | RuntimeException e) {
                    all = false;
                }
            }
            if (all) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("maintenance mode not " + (on ? "on" : "off") + " on every node after a "
                        + "minute\n" + logs());
            }
            pause(100);
        }
    }

    private void patchConfig(String json) {
        HttpRequest request = HttpRequest.newBuilder(api(nodes.getFirst(), "/config")).timeout(Duration.ofSeconds(30))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("changing the configuration (" + json + ") refused ("
                        + response.statusCode() + "): " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("changing the configuration (" + json + ") failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Turns Patroni's synchronous mode on or off (its dynamic configuration), and waits until the
     * primary's {@code synchronous_standby_names} says so: off, a commit no longer waits for a standby.
     */
    public void synchronousMode(boolean on) {
        patchConfig("{\"synchronous_mode\": " + on + ", \"synchronous_mode_strict\": " + on + "}");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            String names = "?";
            try (Connection connection = connectToPrimary("postgres"); Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SHOW synchronous_standby_names")) {
                rows.next();
                names = rows.getString(1);
                if (names.isBlank() != on) {
                    return;
                }
            } catch (SQLException | IllegalStateException e) {
                // a moment without a primary: ask again
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("synchronous_standby_names is '" + names + "' a minute after turning "
                        + "synchronous mode " + (on ? "on" : "off"));
            }
            pause(200);
        }
    }

    /**
     * Waits until the cluster is whole: a primary, every node running on the primary's timeline, and
     * (in synchronous mode) a synchronous standby, so that the next fault finds a standby to promote.
     *
     * @return the primary
     * @throws IllegalStateException if it is not within the timeout
     */
    public Member awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Member> last = List.of();
        String failure = "";
        while (System.nanoTime() < deadline) {
            try {
                last = members();
                Optional<Member> leader = last.stream().filter(Member::isLeader).findFirst();
                if (leader.isPresent() && last.size() == nodes.size()
                        && last.stream().allMatch(m -> m.isSettled() && m.timeline() == leader.get().timeline()
                                && m.lag() == 0)
                        && last.stream().anyMatch(m -> m.role().equals("sync_standby"))
                        && primaryAcceptsWrites(leader.get())) {
                    return leader.get();
                }
            } catch (IllegalStateException e) {
                failure = e.getMessage();
            }
            pause(250);
        }
        throw new IllegalStateException("the cluster was not whole after " + timeout.toSeconds() + " s: " + last + " "
                + failure + "\n" + logs());
    }

    /**
     * Waits until a node other than {@code old} is the primary.
     *
     * @return the new primary
     */
    public Member awaitNewLeader(Member old, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Optional<Member> leader = findLeader();
                if (leader.isPresent() && !leader.get().name().equals(old.name()) && primaryAcceptsWrites(leader.get())) {
                    return leader.get();
                }
            } catch (IllegalStateException e) {
                // no node answered: ask again
            }
            pause(50);
        }
        throw new IllegalStateException("no new primary " + timeout.toSeconds() + " s after " + old.name()
                + " was lost\n" + logs());
    }

    /**
     * Waits until the primary acknowledges a commit: in synchronous mode, once a standby replicates from
     * it synchronously again.
     *
     * @return the primary
     */
    public Member awaitCommits(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Optional<Member> leader = findLeader();
                if (leader.isPresent()) {
                    Properties properties = new Properties();
                    properties.setProperty("user", SUPERUSER);
                    properties.setProperty("password", password);
                    properties.setProperty("loginTimeout", "2");
                    properties.setProperty("socketTimeout", "2");
                    try (Connection connection = DriverManager.getConnection("jdbc:postgresql://"
                            + leader.get().address() + "/postgres", properties);
                            Statement statement = connection.createStatement();
                            ResultSet rows = statement.executeQuery("SELECT txid_current()")) {
                        if (rows.next()) {
                            return leader.get();
                        }
                    }
                }
            } catch (SQLException | IllegalStateException e) {
                // no primary yet, or its commit still waits for a standby: try again
            }
            pause(20);
        }
        throw new IllegalStateException("no commit acknowledged within " + timeout.toSeconds() + " s\n" + logs());
    }

    private boolean primaryAcceptsWrites(Member leader) {
        try (Connection connection = connect(leader, "postgres"); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT NOT pg_is_in_recovery()")) {
            return rows.next() && rows.getBoolean(1);
        } catch (SQLException e) {
            return false;
        }
    }

    /** The end of each node's Patroni log and of etcd's, for a failing test's message. */
    public String logs() {
        StringBuilder text = new StringBuilder();
        for (Node node : nodes) {
            text.append("--- ").append(node.name()).append(" (Patroni):\n")
                    .append(PostgresCluster.tail(read(node.directory().resolve("patroni.log")), 3000)).append('\n');
        }
        text.append("--- etcd:\n").append(PostgresCluster.tail(read(base.resolve("etcd.log")), 1500));
        return text.toString();
    }

    /** Stops every process of the cluster and deletes its directory. */
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
        return "PatroniCluster[" + hosts() + ", " + base + "]";
    }

    private void start(int size) {
        try {
            Files.createDirectories(base.resolve("pids"));
            for (int i = 1; i <= size; i++) {
                Node node = new Node("n" + i, base.resolve("n" + i), PostgresCluster.freePort(),
                        PostgresCluster.freePort());
                Files.createDirectories(node.directory());
                nodes.add(node);
            }
            if (asPostgresUser) {
                runRequired(List.of("chown", "-R", "postgres:postgres", base.toString()));
            }
            startReaper();
            startEtcd();
            for (Node node : nodes) {
                Path config = node.directory().resolve("patroni.yml");
                Files.writeString(config, config(node), StandardCharsets.UTF_8);
                if (asPostgresUser) {
                    runRequired(List.of("chown", "postgres:postgres", config.toString()));
                }
                Process patroni = launchProcess(List.of(PATRONI.toString(), config.toString()),
                        node.directory().resolve("patroni.log"));
                patronis.put(node.name(), patroni);
                Files.writeString(base.resolve("pids").resolve("patroni-" + node.name()), patroni.pid() + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("setting up " + this + " failed", e);
        }
        awaitHealthy(START_TIMEOUT);
    }

    private void startEtcd() throws IOException {
        Path data = base.resolve("etcd");
        String client = "http://" + HOST + ":" + etcdPort;
        String peer = "http://" + HOST + ":" + etcdPeerPort;
        etcd = launchProcess(List.of(ETCD.toString(), "--name", "es", "--data-dir", data.toString(),
                "--listen-client-urls", client, "--advertise-client-urls", client, "--listen-peer-urls", peer,
                "--initial-advertise-peer-urls", peer, "--initial-cluster", "es=" + peer,
                "--initial-cluster-state", "new", "--initial-cluster-token", scope), base.resolve("etcd.log"));
        Files.writeString(base.resolve("pids").resolve("etcd"), etcd.pid() + "\n");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(client + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("true")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (!etcd.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("etcd did not start: " + PostgresCluster.tail(read(base.resolve("etcd.log")), 2000));
            }
            pause(100);
        }
    }

    private String config(Node node) {
        String replicationPassword = "rep-" + password;
        return String.join("\n",
                "scope: " + scope,
                "name: " + node.name(),
                "log:",
                "  level: INFO",
                "restapi:",
                "  listen: " + HOST + ":" + node.apiPort(),
                "  connect_address: " + HOST + ":" + node.apiPort(),
                "etcd3:",
                "  hosts: " + HOST + ":" + etcdPort,
                "bootstrap:",
                "  dcs:",
                "    ttl: 20",
                "    loop_wait: 1",
                "    retry_timeout: 5",
                "    maximum_lag_on_failover: 1048576",
                "    synchronous_mode: true",
                "    synchronous_mode_strict: true",
                "    primary_start_timeout: 0",
                "    postgresql:",
                "      use_pg_rewind: true",
                "      use_slots: true",
                "      parameters:",
                "        wal_level: replica",
                "        hot_standby: 'on'",
                "        wal_log_hints: 'on'",
                "        max_connections: 100",
                "        max_wal_senders: 10",
                "        max_replication_slots: 10",
                "        track_commit_timestamp: 'on'",
                "  initdb:",
                "    - encoding: UTF8",
                "    - locale: C",
                "    - auth: scram-sha-256",
                "postgresql:",
                "  listen: " + HOST + ":" + node.port(),
                "  connect_address: " + HOST + ":" + node.port(),
                "  data_dir: " + node.data(),
                "  bin_dir: " + bin,
                "  pgpass: " + node.directory().resolve("pgpass"),
                "  pg_hba:",
                "    - local all all trust",
                "    - host replication replicator " + HOST + "/32 scram-sha-256",
                "    - host all all " + HOST + "/32 scram-sha-256",
                "  authentication:",
                "    superuser: {username: " + SUPERUSER + ", password: " + password + "}",
                "    replication: {username: replicator, password: " + replicationPassword + "}",
                "    rewind: {username: " + SUPERUSER + ", password: " + password + "}",
                "  parameters:",
                "    unix_socket_directories: '" + node.directory() + "'",
                "    shared_buffers: 32MB",
                "    log_min_messages: warning",
                "    max_standby_streaming_delay: 30s",
                "") ;
    }

    /**
     * Starts the reaper: a shell loop that outlives a killed JVM and then does what {@link #destroy} does.
     * It ends by itself once the directory is gone.
     */
    private void startReaper() throws IOException {
        String script = """
                jvm=$1; base=$2
                ours() { [ -r /proc/$1/cmdline ] && tr '\\0' ' ' < /proc/$1/cmdline | grep -qF -- "$base"; }
                while kill -0 "$jvm" 2>/dev/null && [ -d "$base" ]; do sleep 1; done
                [ -d "$base" ] || exit 0
                for f in "$base"/pids/*; do p=$(cat "$f" 2>/dev/null); [ -n "$p" ] && ours "$p" && kill -9 "$p"; done
                for f in "$base"/n*/data/postmaster.pid; do
                  [ -f "$f" ] || continue
                  p=$(head -1 "$f"); d=$(dirname "$f")
                  if ours "$p"; then runuser -u postgres -- "$3/pg_ctl" stop -D "$d" -m immediate -w -t 20 >/dev/null 2>&1 \\
                    || "$3/pg_ctl" stop -D "$d" -m immediate -w -t 20 >/dev/null 2>&1 || kill -9 "$p"; fi
                done
                rm -rf "$base"
                """;
        reaper = new ProcessBuilder("bash", "-c", script, "reaper", String.valueOf(ProcessHandle.current().pid()),
                base.toString(), bin.toString())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private synchronized void destroy() {
        if (closed) {
            return;
        }
        closed = true;
        for (Process patroni : patronis.values()) {
            patroni.destroyForcibly();
        }
        for (Process patroni : patronis.values()) {
            waitFor(patroni);
        }
        for (Node node : nodes) {
            Optional<Long> pid = postmasterPid(node);
            if (pid.isPresent() && isOurs(pid.get())) {
                List<String> stop = new ArrayList<>();
                if (asPostgresUser) {
                    stop.addAll(List.of("runuser", "-u", "postgres", "--"));
                }
                stop.addAll(List.of(bin.resolve("pg_ctl").toString(), "stop", "-D", node.data().toString(), "-m",
                        "immediate", "-w", "-t", "30"));
                if (run(stop) != 0 && isOurs(pid.get())) {
                    ProcessHandle.of(pid.get()).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        }
        if (etcd != null) {
            etcd.destroyForcibly();
            waitFor(etcd);
        }
        PostgresCluster.deleteRecursively(base);
        if (reaper != null) {
            reaper.destroy();
        }
    }

    /** Whether a process runs a command that names the cluster's directory. */
    private boolean isOurs(long pid) {
        try {
            byte[] commandLine = Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline"));
            return new String(commandLine, StandardCharsets.UTF_8).contains(base.toString());
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<Long> postmasterPid(Node node) {
        try {
            Path file = node.data().resolve("postmaster.pid");
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            return Optional.of(Long.parseLong(Files.readAllLines(file).getFirst().strip()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private Node node(String name) {
        return nodes.stream().filter(node -> node.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + name));
    }

    private URI api(Node node, String path) {
        return URI.create("http://" + HOST + ":" + node.apiPort() + path);
    }

    private String get(Node node, String path) throws IOException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(api(node, path))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Starts a long-running program, as the postgres user when root, its output appended to a log. */
    private Process launchProcess(List<String> program, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"));
        }
        command.addAll(program);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().keySet().removeIf(key -> key.startsWith("PG") || key.startsWith("ETCD")
                || key.startsWith("PATRONI"));
        builder.environment().put("HOME", base.toString());
        return builder.start();
    }

    private static void runRequired(List<String> command) {
        int exit = run(command);
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + exit + ")");
        }
    }

    private static int run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void waitFor(Process process) {
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
