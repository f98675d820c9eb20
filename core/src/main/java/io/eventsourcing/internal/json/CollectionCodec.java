package io.eventsourcing.internal.json;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;

/**
 * A List or Set as a JSON array. Reads into the collection Jackson makes for the declared type: an
 * ArrayList for a List, a HashSet for a Set, an EnumSet for a Set of an enum (which refuses null).
 */
final class CollectionCodec implements ValueCodec {
    enum Kind { LIST, SET, ENUM_SET }

    private final Kind kind;
    private final ValueCodec elements;
    private final Class<?> elementType;

    CollectionCodec(Kind kind, ValueCodec elements, Class<?> elementType) {
        this.kind = kind;
        this.elements = elements;
        this.elementType = elementType;
    }

    @Override
    public void write(JsonOutput out, Object value) {
        Collection<?> collection = (Collection<?>) value;
        if (!Eligibility.isJdkCollection(collection.getClass())) {
            throw GiveUp.INSTANCE;
        }
        out.open('[');
        boolean first = true;
        for (Object element : collection) {
            if (!first) {
                out.raw((byte) ',');
            }
            first = false;
            elements.writeOrNull(out, element);
        }
        out.close(']');
    }

    @Override
    public Object read(JsonInput in) {
        in.open('[');
        Collection<Object> collection = newCollection();
        if (!in.empty(']')) {
            do {
                Object element = elements.readOrNull(in);
                if (element == null && kind == Kind.ENUM_SET) {
                    throw GiveUp.INSTANCE;
                }
                collection.add(element);
            } while (in.more(']'));
        }
        in.exit();
        return collection;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Collection<Object> newCollection() {
        return switch (kind) {
            case LIST -> new ArrayList<>();
            case SET -> new HashSet<>();
            case ENUM_SET -> (Collection) EnumSet.noneOf((Class<Enum>) elementType);
        };
    }
}
