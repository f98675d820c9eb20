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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One event per transaction: the library saves a new aggregate, the baseline inserts one row under the
 * same ordering lock. Run with {@code -t 4} or {@code -t 16} for concurrent writers.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class SaveBenchmark extends OnBackend {

    /** {@code Application.save} of a new aggregate with one event. */
    @Benchmark
    public List<Recording> library() {
        return fixture.app().openAccount(UUID.randomUUID());
    }

    /** Lock, {@code SELECT MAX(notification_id)}, one-row insert, commit. */
    @Benchmark
    public long raw() throws SQLException {
        return fixture.raw().insert(List.of(fixture.rows().opened(UUID.randomUUID())));
    }
}
