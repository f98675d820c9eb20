package io.eventsourcing.benchmarks;

import java.io.IOException;
import java.sql.SQLException;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The JMH state shared by the benchmarks that run on a backend: one {@link Fixture} per trial (so per
 * forked JVM), on empty tables. The baseline methods ({@code raw*}) need a SQL backend; the library
 * methods also run on {@code -p backend=memory}.
 */
@State(Scope.Benchmark)
public abstract class OnBackend {
    /** {@code memory}, {@code sqlite} or {@code postgres}. */
    @Param({"sqlite", "postgres"})
    public String backend = "sqlite";

    /** Opened in {@link #open}. */
    protected Fixture fixture;

    /** Opens the backend, then lets the benchmark prepare its data. */
    @Setup
    public void open() throws IOException, SQLException {
        fixture = Fixture.open(Backend.parse(backend));
        prepare();
    }

    /** Closes the backend. */
    @TearDown
    public void close() {
        fixture.close();
    }

    /** Records what the benchmark reads; runs once per trial. */
    protected void prepare() throws SQLException {}
}
