package io.eventsourcing.benchmarks;

import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.persistence.Mapper;
import io.eventsourcing.persistence.Notification;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reading the notification log in pages of 100 over 20,000 recorded events; scores are events per
 * second. {@code libraryRecords} leaves out decoding, so the difference to {@code library} is the
 * mapper's share.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(NotificationReadBenchmark.PAGE)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class NotificationReadBenchmark extends OnBackend {
    static final int PAGE = 100;
    private static final int PAGES = 200;

    private final AtomicLong next = new AtomicLong();

    @Override
    protected void prepare() {
        for (int i = 0; i < PAGES; i++) {
            fixture.app().recorder().insertEvents(fixture.rows().account(UUID.randomUUID(), PAGE));
        }
    }

    /** {@code recorder.selectNotifications} and {@code mapper.toDomainEvent} of each. */
    @Benchmark
    public void library(Blackhole blackhole) {
        Mapper mapper = fixture.app().mapper();
        for (Notification notification : fixture.app().recorder().selectNotifications(start(), PAGE)) {
            DomainEvent event = mapper.toDomainEvent(notification.toStoredEvent());
            blackhole.consume(event);
        }
    }

    /** {@code recorder.selectNotifications} alone. */
    @Benchmark
    public List<Notification> libraryRecords() {
        return fixture.app().recorder().selectNotifications(start(), PAGE);
    }

    /** The raw select of the page. */
    @Benchmark
    public int raw() throws SQLException {
        return fixture.raw().selectNotifications(start(), PAGE);
    }

    private long start() {
        return Math.floorMod(next.getAndIncrement(), PAGES) * (long) PAGE + 1;
    }
}
