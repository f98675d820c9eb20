package io.eventsourcing.persistence;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.domain.EventSourcingException;
import io.eventsourcing.domain.Snapshot;
import io.eventsourcing.domain.Topics;
import io.eventsourcing.internal.PersistenceAccess.Creation;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/*
 * Stored format. An event's state bytes are, after decryption and decompression, the compact JSON
 *   {"timestamp":"2026-11-23T10:15:30.123456Z","payload":{...},"version":2,"aggregate":"com.example.Dog"}
 * where "version" (the payload's @EventVersion) appears only when above 1 and "aggregate" (the topic
 * of the aggregate class) only on an aggregate's first event, so a repository knows what to build.
 * The stored topic is the payload's topic. A snapshot's bytes are
 *   {"timestamp":"...","createdOn":"...","state":{...fields...},"version":2}
 * and its stored topic is the aggregate's. Writing: encode, compress, encrypt (Sealing); reading
 * reverses it, upcasts the JSON step by step to the current version (Upcasting), then builds the
 * record. An event's envelope is written and read in one pass (EventEnvelope), without a tree: only a
 * payload whose class is above version 1, and so may need upcasting, is read as a tree first. Snapshots
 * are SnapshotMapping's. An aggregate's first event is decoded once, with the aggregate class it names
 * (toCreation), rather than once for the class and again for the event.
 *
 * Encryption binds each record to its row: the cipher gets, as associated data, a format byte (1), the
 * originator id (16 bytes), the version (8 bytes, big-endian) and the topic (UTF-8), so a record copied
 * into another row, or whose topic was changed, fails to decrypt (AES-GCM checks the associated data
 * with the tag). Records written before this binding (and pyeventsourcing's) carry no associated data;
 * AesCipher reads them by trying again without it when the bound attempt fails, which only a record
 * written without associated data passes. Such older records are therefore not bound to their row
 * until they are written again.
 */

/**
 * Converts domain events and snapshots to stored events and back: JSON through the
 * {@link Transcoder}, then the optional {@link Compressor}, then the optional {@link Cipher}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Mapper {
    private final Transcoder transcoder;
    private final Sealing sealing;
    private final SnapshotMapping snapshots;

    /**
     * A mapper whose compressor decompresses at most {@link CompressorSettings#DEFAULT_MAX_DECODED_SIZE}
     * bytes per record.
     *
     * @param transcoder JSON encoding
     * @param compressor applied after encoding, or null for none
     * @param cipher applied after compression, or null for none
     */
    public Mapper(Transcoder transcoder, @Nullable Compressor compressor, @Nullable Cipher cipher) {
        this(transcoder, compressor, cipher, CompressorSettings.DEFAULT_MAX_DECODED_SIZE);
    }

    /**
     * @param transcoder JSON encoding
     * @param compressor applied after encoding, or null for none
     * @param cipher applied after compression, or null for none
     * @param maxDecodedSize the most bytes a record may decompress to ({@code COMPRESSOR_MAX_SIZE}); a
     *     record that would decompress to more fails with a {@link DataException}, and an event or
     *     snapshot whose JSON is larger is refused when it is written, since it could not be read back
     * @throws IllegalArgumentException if {@code maxDecodedSize} is not positive
     */
    public Mapper(Transcoder transcoder, @Nullable Compressor compressor, @Nullable Cipher cipher,
            int maxDecodedSize) {
        this.transcoder = requireNonNull(transcoder, "transcoder");
        this.sealing = new Sealing(compressor, cipher, maxDecodedSize);
        this.snapshots = new SnapshotMapping(transcoder, sealing);
    }

    /** A mapper with the standard transcoder, no compression and no encryption. */
    public static Mapper standard() {
        return new Mapper(Transcoder.standard(), null, null);
    }

    /** The JSON transcoder. */
    public Transcoder transcoder() {
        return transcoder;
    }

    /** The compressor, or null. */
    public @Nullable Compressor compressor() {
        return sealing.compressor();
    }

    /** The cipher, or null. */
    public @Nullable Cipher cipher() {
        return sealing.cipher();
    }

    /** The most bytes a record may decompress to. */
    public int maxDecodedSize() {
        return sealing.maxDecodedSize();
    }

    /**
     * What binds an encrypted record to its row, the associated data the mapper gives its cipher: a
     * format byte (1), the originator id (16 bytes), the version (8 bytes, big-endian) and the topic
     * (UTF-8). For tools that decrypt stored records themselves.
     */
    public static byte[] associatedData(UUID originatorId, long originatorVersion, String topic) {
        return Sealing.associatedData(originatorId, originatorVersion, topic);
    }

    /**
     * The stored form of a domain event.
     *
     * @param event the event
     * @param aggregateType the class of the aggregate the event creates, for an aggregate's first
     *     event (the repository builds that class when loading); null otherwise
     * @throws DataException if the payload cannot be encoded
     */
    public StoredEvent toStoredEvent(DomainEvent event, @Nullable Class<?> aggregateType) {
        Class<?> payloadType = event.payload().getClass();
        byte[] json = EventEnvelope.write(transcoder, event.timestamp(), event.payload(),
                Upcasting.currentVersion(payloadType), aggregateType == null ? null : Topics.of(aggregateType));
        String topic = Topics.of(payloadType);
        return OwnedBytes.storedEvent(event.originatorId(), event.originatorVersion(), topic,
                sealing.seal(json, event.originatorId(), event.originatorVersion(), topic));
    }

    /**
     * The domain event a stored event holds, upcast to the payload class's current version.
     *
     * @throws DataException if it cannot be decrypted, decompressed, decoded or upcast, naming the
     *     topic, the originator and the version
     */
    public DomainEvent toDomainEvent(StoredEvent stored) {
        try {
            Class<?> payloadType = Topics.resolve(stored.topic());
            return domainEvent(stored, payloadType, read(stored, payloadType));
        } catch (EventSourcingException | IllegalArgumentException e) {
            throw cannotRead("event", stored, e);
        }
    }

    /**
     * The aggregate class recorded with an aggregate's first event.
     *
     * @throws DataException if the event does not name one or it is not an aggregate class
     */
    public Class<? extends Aggregate<?>> aggregateTypeOf(StoredEvent creationEvent) {
        try {
            return aggregateClass(requireAggregateTopic(EventEnvelope.aggregateTopic(transcoder,
                    sealing.unseal(creationEvent))));
        } catch (EventSourcingException | IllegalArgumentException e) {
            throw cannotRead("creation event", creationEvent, e);
        }
    }

    /**
     * An aggregate's first event decoded once, with the aggregate class it names: what
     * {@link #toDomainEvent} and {@link #aggregateTypeOf} give, and fail with, together.
     */
    Creation toCreation(StoredEvent creationEvent) {
        EventEnvelope envelope;
        DomainEvent event;
        try {
            Class<?> payloadType = Topics.resolve(creationEvent.topic());
            envelope = read(creationEvent, payloadType);
            event = domainEvent(creationEvent, payloadType, envelope);
        } catch (EventSourcingException | IllegalArgumentException e) {
            throw cannotRead("event", creationEvent, e);
        }
        try {
            return new Creation(aggregateClass(requireAggregateTopic(envelope.aggregateTopic())), event);
        } catch (EventSourcingException | IllegalArgumentException e) {
            throw cannotRead("creation event", creationEvent, e);
        }
    }

    /**
     * The snapshot of an aggregate's current state: its own fields (not static, not transient) as JSON.
     *
     * @throws DataException if a field cannot be encoded
     */
    public Snapshot takeSnapshot(Aggregate<?> aggregate) {
        return snapshots.takeSnapshot(aggregate);
    }

    /**
     * The aggregate a snapshot describes: built with its no-argument constructor, then its fields set
     * from the (upcast) state; a field missing from the state keeps the constructor's value.
     *
     * @throws DataException if the state does not fit the class, or the topic names no aggregate class
     *     the application reads, naming the snapshot
     */
    public Aggregate<?> restore(Snapshot snapshot) {
        return snapshots.restore(snapshot);
    }

    /**
     * A deep copy of an aggregate without pending events, equal in state to one made through its
     * snapshot form: field by field where every value is of a type whose copy is known (see
     * {@link StructuralCopy}), otherwise through the snapshot form.
     */
    public <A extends Aggregate<?>> A copy(A aggregate) {
        A copy = StructuralCopy.of(aggregate);
        if (copy != null) {
            return copy;
        }
        @SuppressWarnings("unchecked")
        A restored = (A) restore(takeSnapshot(aggregate));
        return restored;
    }

    /** The stored form of a snapshot; its topic is the aggregate class's. */
    public StoredEvent toStoredEvent(Snapshot snapshot) {
        return snapshots.toStoredEvent(snapshot);
    }

    /**
     * The snapshot a stored snapshot holds (its state not yet upcast; {@link #restore} does that).
     *
     * @throws DataException if it cannot be decrypted, decompressed or decoded
     */
    public Snapshot toSnapshot(StoredEvent stored) {
        return snapshots.toSnapshot(stored);
    }

    /** The envelope of a stored event, its payload bound to the class unless it may need upcasting. */
    private EventEnvelope read(StoredEvent stored, Class<?> payloadType) {
        return EventEnvelope.read(transcoder, sealing.unseal(stored),
                Upcasting.currentVersion(payloadType) == 1 ? payloadType : null);
    }

    private DomainEvent domainEvent(StoredEvent stored, Class<?> payloadType, EventEnvelope envelope) {
        int current = Upcasting.currentVersion(payloadType);
        Object payload = envelope.payload();
        if (current == 1) {
            Upcasting.checkNotNewer(payloadType, envelope.version(), current);
        } else {
            payload = transcoder.fromTree(Upcasting.upcast(payloadType, envelope.version(), (ObjectNode) payload),
                    payloadType);
        }
        return new DomainEvent(stored.originatorId(), stored.originatorVersion(), envelope.timestamp(), payload);
    }

    private static String requireAggregateTopic(@Nullable String topic) {
        if (topic == null) {
            throw new DataException("it does not name the aggregate class it creates; only an aggregate's "
                    + "first event does");
        }
        return topic;
    }

    /** The aggregate class a topic names. */
    @SuppressWarnings("unchecked")
    static Class<? extends Aggregate<?>> aggregateClass(String topic) {
        Class<?> type = Topics.resolve(topic);
        if (!Aggregate.class.isAssignableFrom(type)) {
            throw new DataException("topic '" + topic + "' names " + type.getName() + ", which is not an Aggregate");
        }
        return (Class<? extends Aggregate<?>>) type;
    }

    static DataException cannotRead(String what, StoredEvent stored, RuntimeException cause) {
        return new DataException("cannot read " + what + " " + stored.originatorId() + ":" + stored.originatorVersion()
                + " (topic " + stored.topic() + "): " + cause.getMessage(), cause);
    }
}
