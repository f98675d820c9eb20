package io.eventsourcing.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One-event DCB appends, with and without a condition on the event's own tag; run with {@code -t 16}
 * for sixteen writers on disjoint tags (compare {@code SaveBenchmark.library -t 16}). The tag query of
 * a million stored events is in {@link DcbSideBySide}, whose loading takes too long for a JMH fork.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class DcbBenchmark {
    /** {@code memory}, {@code sqlite} or {@code postgres}. */
    @Param({"sqlite", "postgres"})
    public String backend = "sqlite";

    private DcbBench dcb;
    private Path directory;

    /** Opens the backend. */
    @Setup
    public void open() throws IOException, SQLException {
        Backend chosen = Backend.parse(backend);
        chosen.reset();
        directory = Files.createTempDirectory("eventsourcing-dcb-jmh-");
        dcb = new DcbBench(chosen.env(directory, false, Fixture.POOL_SIZE));
    }

    /** Closes the backend. */
    @TearDown
    public void close() {
        dcb.close();
    }

    /** An append refused if any event of the new account exists. */
    @Benchmark
    public long conditional() {
        return dcb.open(UUID.randomUUID());
    }

    /** The same event, appended without a condition. */
    @Benchmark
    public long unconditional() {
        return dcb.openUnconditionally(UUID.randomUUID());
    }
}
