package io.eventsourcing.benchmarks;

import io.eventsourcing.jdbc.JdbcFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * One backend opened for benchmarking: the application without snapshots ({@link #app}), a second
 * instance with snapshots on the same tables ({@link #snapshotting}), the baseline on the first one's
 * pool ({@link #raw}, absent for the in-memory backend), the stored-event templates, and on request
 * Axon Framework on the same database ({@link #axon}).
 *
 * <p>Thread-safe, as the applications are.
 */
public final class Fixture implements AutoCloseable {
    /** The PostgreSQL pool size: one connection per thread of the widest figure. */
    static final int POOL_SIZE = 16;
    /** The PostgreSQL pool's extra connections under load ({@code POSTGRES_MAX_OVERFLOW}). */
    static final int MAX_OVERFLOW = 4;
    /** The most connections of the library's SQLite pool (SqliteFactory's). */
    private static final int SQLITE_POOL_SIZE = 5;

    private final Backend backend;
    private final Path directory;
    private final Bench app;
    private final Bench snapshotting;
    private final @Nullable RawJdbc raw;
    private final Rows rows;
    private @Nullable AxonBench axon;

    private Fixture(Backend backend, Path directory, Bench app, Bench snapshotting) throws SQLException {
        this.backend = backend;
        this.directory = directory;
        this.app = app;
        this.snapshotting = snapshotting;
        this.rows = new Rows(app.mapper());
        if (backend.hasBaseline() && app.factory() instanceof JdbcFactory jdbc) {
            this.raw = new RawJdbc(jdbc.datastore().dataSource(), jdbc.tables().events(), backend == Backend.POSTGRES);
        } else {
            this.raw = null;
        }
    }

    /**
     * Opens a backend on empty tables.
     *
     * @throws SQLException if PostgreSQL cannot be reached to drop the previous run's tables
     */
    public static Fixture open(Backend backend) throws IOException, SQLException {
        return open(backend, false);
    }

    /**
     * Opens a backend on empty tables, with Axon Framework on the same database if {@code axon} is true
     * (its own tables, a pool of the same size as the library's).
     *
     * @throws SQLException if PostgreSQL cannot be reached to drop the previous run's tables
     * @throws IllegalArgumentException if Axon is asked for on the in-memory backend
     */
    public static Fixture open(Backend backend, boolean axon) throws IOException, SQLException {
        backend.reset();
        Path directory = Files.createTempDirectory("eventsourcing-bench-");
        Bench app = new Bench(backend.env(directory, false, POOL_SIZE));
        Bench snapshotting = null;
        try {
            snapshotting = new Bench(backend.env(directory, true, 2));
            Fixture fixture = new Fixture(backend, directory, app, snapshotting);
            if (axon) {
                fixture.axon = backend == Backend.POSTGRES
                        ? AxonBench.open(backend, directory, POOL_SIZE, POOL_SIZE + MAX_OVERFLOW)
                        : AxonBench.open(backend, directory, 1, SQLITE_POOL_SIZE);
            }
            return fixture;
        } catch (RuntimeException | SQLException e) {
            if (snapshotting != null) {
                snapshotting.close();
            }
            app.close();
            throw e;
        }
    }

    /** The backend. */
    public Backend backend() {
        return backend;
    }

    /** The application without snapshots. */
    public Bench app() {
        return app;
    }

    /** An application with snapshots on the same tables (its own store for the in-memory backend). */
    public Bench snapshotting() {
        return snapshotting;
    }

    /**
     * The baseline.
     *
     * @throws IllegalStateException for the in-memory backend, which has none
     */
    public RawJdbc raw() {
        if (raw == null) {
            throw new IllegalStateException("the " + backend.label() + " backend has no raw-JDBC baseline; "
                    + "run the library's figures only (e.g. JMH -p backend=memory on the library methods)");
        }
        return raw;
    }

    /** Whether there is a baseline. */
    public boolean hasRaw() {
        return raw != null;
    }

    /** Axon Framework on the same database, if it was asked for. */
    @Nullable AxonBench axon() {
        return axon;
    }

    /** The stored-event templates. */
    public Rows rows() {
        return rows;
    }

    /** Records an account with {@code events} events through the library and returns its id. */
    public UUID accountWithEvents(Bench application, int events) {
        UUID id = UUID.randomUUID();
        application.openAccountWithEvents(id, events);
        return id;
    }

    @Override
    public void close() {
        if (axon != null) {
            axon.close();
        }
        snapshotting.close();
        app.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + directory + ": " + e.getMessage());
        }
    }
}
