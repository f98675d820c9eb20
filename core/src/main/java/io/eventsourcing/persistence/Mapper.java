package io.eventsourcing.persistence;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.domain.EventSourcingException;
import io.eventsourcing.domain.Snapshot;
import io.eventsourcing.domain.Topics;
import io.eventsourcing.domain.Upcaster;
import io.eventsourcing.domain.Upcasters;
import io.eventsourcing.internal.AggregateAccess;
import io.eventsourcing.internal.json.Timestamps;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/*
 * Stored format. An event's state bytes are, after decryption and decompression, the compact JSON
 *   {"timestamp":"2026-11-23T10:15:30.123456Z","payload":{...},"version":2,"aggregate":"com.example.Dog"}
 * where "version" (the payload's @EventVersion) appears only when above 1 and "aggregate" (the topic
 * of the aggregate class) only on an aggregate's first event, so a repository knows what to build.
 * The stored topic is the payload's topic. A snapshot's bytes are
 *   {"timestamp":"...","createdOn":"...","state":{...fields...},"version":2}
 * and its stored topic is the aggregate's. Writing: encode, compress, encrypt; reading reverses it,
 * upcasts the JSON step by step to the current version, then builds the record. An event's envelope
 * is written and read in one pass over its tokens (EventEnvelope), without a tree: only a payload
 * whose class is above version 1, and so may need upcasting, is read as a tree first.
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
    private static final ClassValue<Integer> CURRENT_VERSIONS = new ClassValue<>() {
        @Override
        protected Integer computeValue(Class<?> type) {
            return Upcasters.currentVersion(type);
        }
    };

    private final Transcoder transcoder;
    private final @Nullable Compressor compressor;
    private final @Nullable Cipher cipher;
    private final int maxDecodedSize;

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
        this.compressor = compressor;
        this.cipher = cipher;
        if (maxDecodedSize <= 0) {
            throw new IllegalArgumentException("maxDecodedSize must be positive, not " + maxDecodedSize);
        }
        this.maxDecodedSize = maxDecodedSize;
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
        return compressor;
    }

    /** The cipher, or null. */
    public @Nullable Cipher cipher() {
        return cipher;
    }

    /** The most bytes a record may decompress to. */
    public int maxDecodedSize() {
        return maxDecodedSize;
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
        byte[] json = EventEnvelope.write(transcoder, event.timestamp(), event.payload(), currentVersion(payloadType),
                aggregateType == null ? null : Topics.of(aggregateType));
        String topic = Topics.of(payloadType);
        return new StoredEvent(event.originatorId(), event.originatorVersion(), topic,
                seal(json, event.originatorId(), event.originatorVersion(), topic));
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
            int current = currentVersion(payloadType);
            EventEnvelope envelope = EventEnvelope.read(transcoder, unseal(stored),
                    current == 1 ? payloadType : null);
            Object payload = envelope.payload();
            if (current == 1) {
                checkNotNewer(payloadType, envelope.version(), current);
            } else {
                payload = transcoder.fromTree(upcast(payloadType, envelope.version(), (ObjectNode) payload),
                        payloadType);
            }
            return new DomainEvent(stored.originatorId(), stored.originatorVersion(), envelope.timestamp(), payload);
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
            String topic = EventEnvelope.aggregateTopic(transcoder, unseal(creationEvent));
            if (topic == null) {
                throw new DataException("it does not name the aggregate class it creates; only an aggregate's "
                        + "first event does");
            }
            return aggregateClass(topic);
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
        ObjectNode state = transcoder.objectNode();
        for (Field field : stateFields(aggregate.getClass())) {
            Object value = read(field, aggregate);
            state.set(field.getName(), value == null ? state.nullNode() : transcoder.toTree(value));
        }
        return new Snapshot(aggregate.id(), aggregate.version(), aggregate.modifiedOn(), aggregate.createdOn(),
                Topics.of(aggregate.getClass()), currentVersion(aggregate.getClass()), state);
    }

    /**
     * The aggregate a snapshot describes: built with its no-argument constructor, then its fields set
     * from the (upcast) state; a field missing from the state keeps the constructor's value.
     *
     * @throws DataException if the state does not fit the class, or the topic names no aggregate class
     *     the application reads, naming the snapshot
     */
    public Aggregate<?> restore(Snapshot snapshot) {
        try {
            return restoreAggregate(snapshot);
        } catch (EventSourcingException | IllegalArgumentException | IllegalStateException e) {
            throw new DataException("cannot restore snapshot " + snapshot.originatorId() + ":"
                    + snapshot.originatorVersion() + " (topic " + snapshot.topic() + "): " + e.getMessage(), e);
        }
    }

    private Aggregate<?> restoreAggregate(Snapshot snapshot) {
        Class<? extends Aggregate<?>> type = aggregateClass(snapshot.topic());
        ObjectNode state = upcast(type, snapshot.stateVersion(), snapshot.state());
        AggregateAccess access = AggregateAccess.get();
        Aggregate<?> aggregate = access.instantiate(type);
        access.restore(aggregate, snapshot.originatorId(), snapshot.originatorVersion(), snapshot.createdOn(),
                snapshot.timestamp());
        Set<String> known = new HashSet<>();
        for (Field field : stateFields(type)) {
            known.add(field.getName());
            JsonNode node = state.get(field.getName());
            if (node != null) {
                write(field, aggregate, transcoder.fromTreeOrNull(node, field.getGenericType()));
            }
        }
        for (String name : state.propertyNames()) {
            if (!known.contains(name)) {
                throw new DataException("snapshot state has field '" + name + "' that " + type.getName()
                        + " does not declare; register an upcaster that removes it");
            }
        }
        return aggregate;
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
        ObjectNode envelope = transcoder.objectNode();
        envelope.put("timestamp", Timestamps.format(snapshot.timestamp()));
        envelope.put("createdOn", Timestamps.format(snapshot.createdOn()));
        envelope.set("state", snapshot.state());
        if (snapshot.stateVersion() > 1) {
            envelope.put("version", snapshot.stateVersion());
        }
        return new StoredEvent(snapshot.originatorId(), snapshot.originatorVersion(), snapshot.topic(),
                seal(transcoder.encode(envelope), snapshot.originatorId(), snapshot.originatorVersion(),
                        snapshot.topic()));
    }

    /**
     * The snapshot a stored snapshot holds (its state not yet upcast; {@link #restore} does that).
     *
     * @throws DataException if it cannot be decrypted, decompressed or decoded
     */
    public Snapshot toSnapshot(StoredEvent stored) {
        try {
            ObjectNode envelope = open(stored);
            return new Snapshot(stored.originatorId(), stored.originatorVersion(), instant(envelope, "timestamp"),
                    instant(envelope, "createdOn"), stored.topic(), storedVersion(envelope),
                    objectField(envelope, "state"));
        } catch (EventSourcingException | IllegalArgumentException e) {
            throw cannotRead("snapshot", stored, e);
        }
    }

    private byte[] seal(byte[] json, UUID originatorId, long originatorVersion, String topic) {
        byte[] bytes = json;
        if (compressor != null) {
            if (json.length > maxDecodedSize) {
                throw new DataException("cannot store " + originatorId + ":" + originatorVersion + " (topic " + topic
                        + "): its JSON has " + json.length + " bytes, more than the " + maxDecodedSize + " that "
                        + CompressorSettings.COMPRESSOR_MAX_SIZE + " lets a record decompress to, so it could not be "
                        + "read back; raise " + CompressorSettings.COMPRESSOR_MAX_SIZE + " or make the event smaller");
            }
            bytes = compressor.compress(bytes);
        }
        if (cipher != null) {
            bytes = cipher.encrypt(bytes, associatedData(originatorId, originatorVersion, topic));
        }
        return bytes;
    }

    private byte[] unseal(StoredEvent stored) {
        byte[] bytes = stored.state();
        if (cipher != null) {
            bytes = cipher.decrypt(bytes, associatedData(stored.originatorId(), stored.originatorVersion(),
                    stored.topic()));
        }
        if (compressor != null) {
            bytes = compressor.decompress(bytes, maxDecodedSize);
        }
        return bytes;
    }

    /**
     * What binds an encrypted record to its row, the associated data the mapper gives its cipher: a
     * format byte (1), the originator id (16 bytes), the version (8 bytes, big-endian) and the topic
     * (UTF-8). For tools that decrypt stored records themselves.
     */
    public static byte[] associatedData(UUID originatorId, long originatorVersion, String topic) {
        byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 16 + 8 + topicBytes.length).put((byte) 1)
                .putLong(originatorId.getMostSignificantBits()).putLong(originatorId.getLeastSignificantBits())
                .putLong(originatorVersion).put(topicBytes).array();
    }

    private ObjectNode open(StoredEvent stored) {
        JsonNode tree = transcoder.decode(unseal(stored));
        if (!(tree instanceof ObjectNode envelope)) {
            throw new DataException("the stored JSON is not an object");
        }
        return envelope;
    }

    private ObjectNode upcast(Class<?> type, int storedVersion, ObjectNode state) {
        int current = currentVersion(type);
        checkNotNewer(type, storedVersion, current);
        ObjectNode node = state;
        for (int version = storedVersion; version < current; version++) {
            Upcaster upcaster = Upcasters.find(type, version);
            if (upcaster == null) {
                throw new DataException("it was stored at version " + version + " of " + type.getName()
                        + " and no upcaster is registered from version " + version
                        + ": call Upcasters.register(" + type.getSimpleName() + ".class, " + version + ", ...)");
            }
            ObjectNode upcast;
            try {
                upcast = upcaster.upcast(node);
            } catch (RuntimeException e) {
                throw new DataException("the upcaster of " + type.getName() + " from version " + version
                        + " failed on the stored JSON: " + e, e);
            }
            if (upcast == null) {
                throw new DataException("the upcaster of " + type.getName() + " from version " + version
                        + " returned null");
            }
            node = upcast;
        }
        return node;
    }

    private static void checkNotNewer(Class<?> type, int storedVersion, int current) {
        if (storedVersion > current) {
            throw new DataException("it was stored at version " + storedVersion + " of " + type.getName()
                    + ", newer than this code's @EventVersion(" + current + ")");
        }
    }

    /** The class's {@code @EventVersion}, read once per class. */
    private static int currentVersion(Class<?> type) {
        return CURRENT_VERSIONS.get(type);
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Aggregate<?>> aggregateClass(String topic) {
        Class<?> type = Topics.resolve(topic);
        if (!Aggregate.class.isAssignableFrom(type)) {
            throw new DataException("topic '" + topic + "' names " + type.getName() + ", which is not an Aggregate");
        }
        return (Class<? extends Aggregate<?>>) type;
    }

    private static int storedVersion(ObjectNode envelope) {
        JsonNode version = envelope.get("version");
        return version == null ? 1 : version.asInt();
    }

    private static ObjectNode objectField(ObjectNode envelope, String name) {
        if (!(envelope.get(name) instanceof ObjectNode node)) {
            throw new DataException("the stored JSON has no object field '" + name + "'");
        }
        return node;
    }

    private static Instant instant(ObjectNode envelope, String name) {
        JsonNode node = envelope.get(name);
        if (node == null || !node.isString()) {
            throw new DataException("the stored JSON has no field '" + name + "'");
        }
        try {
            return Timestamps.parse(node.asString());
        } catch (DateTimeParseException e) {
            throw new DataException("field '" + name + "' is not an ISO-8601 instant: " + node.asString(), e);
        }
    }

    private static DataException cannotRead(String what, StoredEvent stored, RuntimeException cause) {
        return new DataException("cannot read " + what + " " + stored.originatorId() + ":" + stored.originatorVersion()
                + " (topic " + stored.topic() + "): " + cause.getMessage(), cause);
    }

    private static List<Field> stateFields(Class<?> type) {
        return StateFields.of(type);
    }

    private static @Nullable Object read(Field field, Object target) {
        try {
            return field.get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
    }

    private static void write(Field field, Object target, @Nullable Object value) {
        try {
            field.set(target, value);
        } catch (IllegalAccessException | IllegalArgumentException e) {
            throw new DataException("cannot set " + field + " from a snapshot: " + e.getMessage(), e);
        }
    }
}
