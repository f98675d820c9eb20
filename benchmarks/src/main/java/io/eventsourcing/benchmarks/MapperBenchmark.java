package io.eventsourcing.benchmarks;

import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.domain.Topics;
import io.eventsourcing.persistence.Mapper;
import io.eventsourcing.persistence.StoredEvent;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;

/**
 * The mapper alone, no database: where the library's CPU time per event goes when it writes and reads.
 * {@code decode} resolves the topic, then reads the envelope and binds the payload in one pass;
 * {@code parse} is the JSON tree that it no longer builds (except for payloads that may need upcasting),
 * for comparison.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class MapperBenchmark {
    private final Mapper mapper = Mapper.standard();
    private final UUID id = UUID.randomUUID();
    private final DomainEvent event = new DomainEvent(id, 2, Instant.now(), new Account.Credited(1234, "ref-1"));
    private final StoredEvent stored = mapper.toStoredEvent(event, null);

    /** Domain event to stored event: the envelope and payload written straight to JSON bytes. */
    @Benchmark
    public StoredEvent encode() {
        return mapper.toStoredEvent(event, null);
    }

    /** Stored event to domain event: resolve, read the envelope, bind the payload, timestamp, version check. */
    @Benchmark
    public DomainEvent decode() {
        return mapper.toDomainEvent(stored);
    }

    /** Only a JSON parse of the stored bytes into a tree, as decoding did before it streamed. */
    @Benchmark
    public JsonNode parse() {
        return mapper.transcoder().decode(stored.state());
    }

    /** Only the topic's resolution to a class. */
    @Benchmark
    public Class<?> resolveTopic() {
        return Topics.resolve(stored.topic());
    }
}
