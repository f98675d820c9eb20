package io.eventsourcing.benchmarks;

import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.persistence.Mapper;
import io.eventsourcing.persistence.StoredEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Stored events made from bytes encoded once by the application's mapper: what the baseline inserts,
 * and what the library's {@code insertEvents} figure inserts. They are real, decodable events of
 * {@link Account}, the same size as those the library writes, so both sides write the same rows and
 * the library can load what the baseline wrote.
 */
public final class Rows {
    private final String openedTopic;
    private final byte[] openedState;
    private final String creditedTopic;
    private final byte[] creditedState;

    /** @param mapper the application's mapper */
    public Rows(Mapper mapper) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        StoredEvent opened = mapper.toStoredEvent(
                new DomainEvent(id, 1, now, new Account.Opened("owner-" + id.toString().substring(0, 8), "EUR")),
                Account.class);
        StoredEvent credited = mapper.toStoredEvent(new DomainEvent(id, 2, now, new Account.Credited(1234, "ref-1")),
                null);
        openedTopic = opened.topic();
        openedState = opened.state();
        creditedTopic = credited.topic();
        creditedState = credited.state();
    }

    /** An account's first event. */
    public StoredEvent opened(UUID id) {
        return new StoredEvent(id, 1, openedTopic, openedState);
    }

    /** A credit at a version above 1. */
    public StoredEvent credited(UUID id, long version) {
        return new StoredEvent(id, version, creditedTopic, creditedState);
    }

    /** A new account's first {@code size} events. */
    public List<StoredEvent> account(UUID id, int size) {
        List<StoredEvent> events = new ArrayList<>(size);
        events.add(opened(id));
        for (int version = 2; version <= size; version++) {
            events.add(credited(id, version));
        }
        return events;
    }

    /** The size in bytes of a credit's stored state. */
    public int creditedSize() {
        return creditedState.length;
    }
}
