package io.eventsourcing.benchmarks;

import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A command: get an aggregate, trigger one event, save it; over 1,000 accounts in turn, so each
 * account grows slowly. The baseline selects the account's rows and inserts the next version.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class CommandBenchmark extends OnBackend {
    private static final int ACCOUNTS = 1_000;

    private final AtomicInteger next = new AtomicInteger();
    private UUID[] accounts = new UUID[0];

    @Override
    protected void prepare() {
        Account[] opened = new Account[ACCOUNTS];
        accounts = new UUID[ACCOUNTS];
        for (int i = 0; i < ACCOUNTS; i++) {
            opened[i] = Account.open(UUID.randomUUID(), "owner-" + i);
            accounts[i] = opened[i].id();
        }
        fixture.app().save(opened);
    }

    /** {@code repository().get}, {@code credit}, {@code save}. */
    @Benchmark
    public long library() {
        UUID id = accounts[Math.floorMod(next.getAndIncrement(), ACCOUNTS)];
        fixture.app().credit(id, 100);
        return id.getLeastSignificantBits();
    }

    /** Select the account's rows, then lock, {@code SELECT MAX}, insert, commit. */
    @Benchmark
    public long raw() throws SQLException {
        return fixture.raw().command(accounts[Math.floorMod(next.getAndIncrement(), ACCOUNTS)], fixture.rows());
    }
}
