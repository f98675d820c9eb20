package io.eventsourcing.benchmarks;

import io.eventsourcing.persistence.Recording;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/** Bulk append: 100 events per transaction; the scores are events per second. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(AppendBenchmark.BATCH)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class AppendBenchmark extends OnBackend {
    static final int BATCH = 100;

    /** A new aggregate with 100 pending events, saved at once (events encoded by the mapper). */
    @Benchmark
    public List<Recording> librarySave() {
        return fixture.app().openAccountWithEvents(UUID.randomUUID(), BATCH);
    }

    /** {@code recorder.insertEvents} of 100 stored events already encoded. */
    @Benchmark
    public List<Long> libraryInsertEvents() {
        return fixture.app().recorder().insertEvents(fixture.rows().account(UUID.randomUUID(), BATCH));
    }

    /** Lock, {@code SELECT MAX(notification_id)}, one 100-row INSERT, commit. */
    @Benchmark
    public long raw() throws SQLException {
        return fixture.raw().insert(fixture.rows().account(UUID.randomUUID(), BATCH));
    }
}
