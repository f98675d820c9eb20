package io.eventsourcing.benchmarks;

import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/** Loading an aggregate of 1,000 events, with and without a snapshot; the baseline selects the rows. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class LoadBenchmark extends OnBackend {
    static final int EVENTS = 1_000;

    private UUID plain = new UUID(0, 0);
    private UUID snapshotted = new UUID(0, 0);

    @Override
    protected void prepare() {
        plain = fixture.accountWithEvents(fixture.app(), EVENTS);
        snapshotted = fixture.accountWithEvents(fixture.snapshotting(), EVENTS);
        fixture.snapshotting().takeSnapshot(snapshotted);
    }

    /** {@code repository().get} replaying 1,000 events (snapshotting off). */
    @Benchmark
    public Account library() {
        return fixture.app().account(plain);
    }

    /** {@code repository().get} from a snapshot at version 1,000 (no events after it). */
    @Benchmark
    public Account librarySnapshot() {
        return fixture.snapshotting().account(snapshotted);
    }

    /** The raw select of the 1,000 rows. */
    @Benchmark
    public long raw() throws SQLException {
        return fixture.raw().selectEvents(plain);
    }
}
