package io.eventsourcing.persistence;

import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.EventSourcingException;
import io.eventsourcing.domain.Snapshot;
import io.eventsourcing.domain.Topics;
import io.eventsourcing.internal.AggregateAccess;
import io.eventsourcing.internal.json.Timestamps;
import java.lang.reflect.Field;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The snapshot half of {@link Mapper}: an aggregate's own fields as a JSON object, and back; a
 * snapshot's stored form. Immutable and thread-safe.
 */
final class SnapshotMapping {
    private final Transcoder transcoder;
    private final Sealing sealing;

    SnapshotMapping(Transcoder transcoder, Sealing sealing) {
        this.transcoder = transcoder;
        this.sealing = sealing;
    }

    /** See {@link Mapper#takeSnapshot}. */
    Snapshot takeSnapshot(Aggregate<?> aggregate) {
        ObjectNode state = transcoder.objectNode();
        for (Field field : stateFields(aggregate.getClass())) {
            Object value = read(field, aggregate);
            state.set(field.getName(), value == null ? state.nullNode() : transcoder.toTree(value));
        }
        return new Snapshot(aggregate.id(), aggregate.version(), aggregate.modifiedOn(), aggregate.createdOn(),
                Topics.of(aggregate.getClass()), Upcasting.currentVersion(aggregate.getClass()), state);
    }

    /** See {@link Mapper#restore}. */
    Aggregate<?> restore(Snapshot snapshot) {
        try {
            return restoreAggregate(snapshot);
        } catch (EventSourcingException | IllegalArgumentException | IllegalStateException e) {
            throw new DataException("cannot restore snapshot " + snapshot.originatorId() + ":"
                    + snapshot.originatorVersion() + " (topic " + snapshot.topic() + "): " + e.getMessage(), e);
        }
    }

    private Aggregate<?> restoreAggregate(Snapshot snapshot) {
        Class<? extends Aggregate<?>> type = Mapper.aggregateClass(snapshot.topic());
        ObjectNode state = Upcasting.upcast(type, snapshot.stateVersion(), snapshot.state());
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

    /** See {@link Mapper#toStoredEvent(Snapshot)}. */
    StoredEvent toStoredEvent(Snapshot snapshot) {
        ObjectNode envelope = transcoder.objectNode();
        envelope.put("timestamp", Timestamps.format(snapshot.timestamp()));
        envelope.put("createdOn", Timestamps.format(snapshot.createdOn()));
        envelope.set("state", snapshot.state());
        if (snapshot.stateVersion() > 1) {
            envelope.put("version", snapshot.stateVersion());
        }
        return OwnedBytes.storedEvent(snapshot.originatorId(), snapshot.originatorVersion(), snapshot.topic(),
                sealing.seal(transcoder.encode(envelope), snapshot.originatorId(), snapshot.originatorVersion(),
                        snapshot.topic()));
    }

    /** See {@link Mapper#toSnapshot}. */
    Snapshot toSnapshot(StoredEvent stored) {
        try {
            JsonNode tree = transcoder.decode(sealing.unseal(stored));
            if (!(tree instanceof ObjectNode envelope)) {
                throw new DataException("the stored JSON is not an object");
            }
            return new Snapshot(stored.originatorId(), stored.originatorVersion(), instant(envelope, "timestamp"),
                    instant(envelope, "createdOn"), stored.topic(), storedVersion(envelope),
                    objectField(envelope, "state"));
        } catch (EventSourcingException | IllegalArgumentException e) {
            throw Mapper.cannotRead("snapshot", stored, e);
        }
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
