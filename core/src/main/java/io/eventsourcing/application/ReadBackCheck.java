package io.eventsourcing.application;

import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.domain.Snapshot;
import io.eventsourcing.domain.Topics;
import io.eventsourcing.internal.AggregateAccess;
import io.eventsourcing.persistence.DataException;
import io.eventsourcing.persistence.Mapper;
import io.eventsourcing.persistence.Transcoder;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/*
 * Design: a payload or snapshot that JSON cannot bring back is otherwise found out only when it is
 * read, long after it was stored. So the first save of each payload class, and the first snapshot of
 * each aggregate class, is checked: its declared types (StoredTypes), then the value itself, written
 * and read back with the application's transcoder. An aggregate class is checked by building one as
 * the repository will, with its no-argument constructor. Each class's verdict is kept in a ClassValue,
 * so after a class has passed a save costs one lookup per event; a class that failed is refused on
 * every save. The checks run in the save path before anything is encoded, apart from the Mapper's
 * per-event work, and messages name the class and the component but never a value, since a value may
 * be what the application encrypts.
 */

/**
 * Refuses, at its first save, an event payload or snapshot class that cannot be read back as it was
 * written, and an aggregate class that the repository cannot rebuild.
 *
 * <p>Thread-safe.
 */
final class ReadBackCheck {
    /** Whether an aggregate class can be built with its no-argument constructor: null, or why not. */
    private static final ClassValue<@Nullable RuntimeException> AGGREGATES = new ClassValue<>() {
        @Override
        protected @Nullable RuntimeException computeValue(Class<?> type) {
            try {
                AggregateAccess.get().instantiate(type.asSubclass(Aggregate.class));
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        }
    };

    private final Mapper mapper;
    private final Transcoder transcoder;
    private final StoredTypes types;
    private final ClassValue<Verdict> payloads = new ClassValue<>() {
        @Override
        protected Verdict computeValue(Class<?> type) {
            return new Verdict(types.problem(type));
        }
    };
    private final ClassValue<Verdict> snapshots = new ClassValue<>() {
        @Override
        protected Verdict computeValue(Class<?> type) {
            return new Verdict(stateProblem(type));
        }
    };

    /** What is known of one class: a problem with its declaration, and whether a value has been read back. */
    private static final class Verdict {
        private final @Nullable String problem;
        private volatile boolean readBack;

        Verdict(@Nullable String problem) {
            this.problem = problem;
        }
    }

    /** @param mapper the application's, whose transcoder reads back what is stored */
    ReadBackCheck(Mapper mapper) {
        this.mapper = mapper;
        this.transcoder = mapper.transcoder();
        this.types = new StoredTypes(transcoder);
    }

    /**
     * Checks an aggregate's class and its pending events' payload classes, each the first time it is saved.
     *
     * @throws IllegalStateException if the aggregate class cannot be built with a no-argument constructor
     * @throws DataException if a payload cannot be read back as it was written, naming its class and
     *     the component
     */
    void checkEvents(Aggregate<?> aggregate, List<DomainEvent> pending) {
        RuntimeException unbuildable = AGGREGATES.get(aggregate.getClass());
        if (unbuildable != null) {
            throw new IllegalStateException("cannot save " + aggregate.getClass().getName() + ": the repository could "
                    + "not rebuild it from its events (" + unbuildable.getMessage() + ")", unbuildable);
        }
        for (DomainEvent event : pending) {
            Object payload = event.payload();
            Verdict verdict = payloads.get(payload.getClass());
            if (!verdict.readBack) {
                readBack(verdict, payload);
            }
        }
    }

    /**
     * Checks a snapshot's aggregate class, the first time one of its snapshots is stored.
     *
     * @throws DataException if the snapshot cannot be read back as it was taken, naming the class and
     *     the field
     */
    void checkSnapshot(Snapshot snapshot) {
        Class<?> type = Topics.resolve(snapshot.topic());
        Verdict verdict = snapshots.get(type);
        if (verdict.readBack) {
            return;
        }
        String cannot = "the snapshot of " + type.getName() + " cannot be stored and read back: ";
        if (verdict.problem != null) {
            throw new DataException(cannot + verdict.problem);
        }
        Snapshot restored;
        try {
            restored = mapper.takeSnapshot(mapper.restore(snapshot));
        } catch (RuntimeException e) {
            throw new DataException(cannot + "restoring it failed: " + e.getMessage(), e);
        }
        String difference = difference(snapshot.state(), restored.state(), "");
        if (difference != null) {
            throw new DataException(cannot + "it does not read back as it was taken: " + difference);
        }
        verdict.readBack = true;
    }

    private void readBack(Verdict verdict, Object payload) {
        Class<?> type = payload.getClass();
        String cannot = type.getName() + " cannot be stored as an event and read back: ";
        if (verdict.problem != null) {
            throw new DataException(cannot + verdict.problem);
        }
        JsonNode written = transcoder.toTree(payload);
        JsonNode again;
        try {
            again = transcoder.toTree(transcoder.fromTree(written, type));
        } catch (DataException e) {
            String at = path(e);
            throw new DataException(cannot + "reading " + (at.isEmpty() ? "it" : "'" + at + "'") + " back failed: "
                    + e.getMessage(), e);
        }
        String difference = difference(written, again, "");
        if (difference != null) {
            throw new DataException(cannot + "it does not read back as it was written: " + difference);
        }
        verdict.readBack = true;
    }

    /** The declared types of an aggregate's state fields, checked as those of a payload's components. */
    private @Nullable String stateProblem(Class<?> type) {
        for (Class<?> c = type; c != null && c != Aggregate.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers) && !field.isSynthetic()) {
                    String problem = types.problem(field.getGenericType(), field.getName(), field);
                    if (problem != null) {
                        return problem.replaceFirst("^'", "field '");
                    }
                }
            }
        }
        return null;
    }

    /** The path Jackson reports for a failure to read, as "address.lines[2]"; empty if it reports none. */
    private static String path(DataException failure) {
        StringBuilder path = new StringBuilder();
        if (failure.getCause() instanceof JacksonException jackson) {
            for (JacksonException.Reference reference : jackson.getPath()) {
                if (reference.getPropertyName() != null) {
                    path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
                } else if (reference.getIndex() >= 0) {
                    path.append('[').append(reference.getIndex()).append(']');
                }
            }
        }
        return path.toString();
    }

    /** Where two JSON trees first differ, as "'a.b' differs", or null if they are equal. */
    private static @Nullable String difference(JsonNode written, JsonNode read, String path) {
        if (written.equals(read)) {
            return null;
        }
        if (written.isObject() && read.isObject()) {
            for (Map.Entry<String, JsonNode> property : written.properties()) {
                String at = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
                JsonNode other = read.get(property.getKey());
                if (other == null) {
                    return "'" + at + "' is missing";
                }
                String inner = difference(property.getValue(), other, at);
                if (inner != null) {
                    return inner;
                }
            }
            for (String name : read.propertyNames()) {
                if (written.get(name) == null) {
                    return "'" + (path.isEmpty() ? name : path + "." + name) + "' appears";
                }
            }
        }
        if (written.isArray() && read.isArray() && written.size() == read.size()) {
            for (int i = 0; i < written.size(); i++) {
                String inner = difference(written.get(i), read.get(i), path + "[" + i + "]");
                if (inner != null) {
                    return inner;
                }
            }
        }
        return path.isEmpty() ? "the value differs" : "'" + path + "' differs";
    }
}
