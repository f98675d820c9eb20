package io.eventsourcing.internal.json;

import java.lang.invoke.MethodHandle;

/**
 * A record as a JSON object of its components in declaration order, as Jackson writes it: each
 * component's value from its accessor, the record made with its canonical constructor. Reads the
 * components in any order, each exactly once; a missing, repeated or unknown one is given up on (Jackson
 * fills in missing ones and rejects unknown ones). Anything the constructor throws is given up on too,
 * so Jackson calls it again and reports the failure in its words.
 *
 * <p>Built in two steps, so that records can contain themselves: made empty, then given its
 * components by {@link #init} before anyone else sees it.
 */
final class RecordCodec implements ValueCodec {
    static final byte OBJECT = 0;
    static final byte BOOLEAN = 1;
    static final byte INT = 2;
    static final byte LONG = 3;
    static final byte FLOAT = 4;
    static final byte DOUBLE = 5;

    private final Class<?> type;
    /** Each component's key as read: {@code "name":}. */
    private byte[][] keys = {};
    /** Each component's key as written: the first as it is, the others after a ','. */
    private byte[][] prefixes = {};
    private ValueCodec[] codecs = {};
    /**
     * Each component's accessor: typed (Object)Object for an object component, and for a primitive one
     * (Object)boolean, (Object)int (byte, short and int), (Object)long, (Object)float or (Object)double,
     * so that writing it boxes nothing.
     */
    private MethodHandle[] accessors = {};
    /** Each component's primitive kind: one of the constants below. */
    private byte[] primitives = {};
    /** The canonical constructor, typed (Object[])Object. */
    private final MethodHandle constructor;
    private long allComponents;
    /**
     * The most bytes one value took so far, so that a buffer can start at about the right size. Read and
     * written without synchronization: it is only a hint, and it changes only when it grows.
     */
    private int largestWritten;

    RecordCodec(Class<?> type, MethodHandle constructor) {
        this.type = type;
        this.constructor = constructor;
    }

    void init(byte[][] keys, byte[][] prefixes, ValueCodec[] codecs, MethodHandle[] accessors, byte[] primitives) {
        this.keys = keys;
        this.prefixes = prefixes;
        this.codecs = codecs;
        this.accessors = accessors;
        this.primitives = primitives;
        this.allComponents = codecs.length == 64 ? -1L : (1L << codecs.length) - 1;
    }

    Class<?> type() {
        return type;
    }

    int largestWritten() {
        return largestWritten;
    }

    void wrote(int size) {
        if (size > largestWritten) {
            largestWritten = size;
        }
    }

    @Override
    public void write(JsonOutput out, Object value) {
        if (value.getClass() != type) {
            throw GiveUp.INSTANCE;
        }
        int count = codecs.length;
        out.open('{');
        try {
            for (int i = 0; i < count; i++) {
                out.raw(prefixes[i]);
                MethodHandle accessor = accessors[i];
                switch (primitives[i]) {
                    case BOOLEAN -> out.bool((boolean) accessor.invokeExact(value));
                    case INT -> out.number((int) accessor.invokeExact(value));
                    case LONG -> out.number((long) accessor.invokeExact(value));
                    case FLOAT -> out.number((float) accessor.invokeExact(value));
                    case DOUBLE -> out.number((double) accessor.invokeExact(value));
                    default -> codecs[i].writeOrNull(out, (Object) accessor.invokeExact(value));
                }
            }
        } catch (Throwable e) {
            // Whatever an accessor throws, Jackson calls it again and reports it in its words.
            throw GiveUp.INSTANCE;
        }
        out.close('}');
    }

    @Override
    public Object read(JsonInput in) {
        in.open('{');
        int count = codecs.length;
        Object[] arguments = new Object[count];
        if (!in.empty('}')) {
            long seen = 0;
            int next = 0;
            do {
                int index = next < count && in.consume(keys[next]) ? next : find(in);
                long bit = 1L << index;
                if ((seen & bit) != 0) {
                    throw GiveUp.INSTANCE;
                }
                seen |= bit;
                arguments[index] = codecs[index].readOrNull(in);
                next = index + 1;
            } while (in.more('}'));
            if (seen != allComponents) {
                throw GiveUp.INSTANCE;
            }
        } else if (count > 0) {
            throw GiveUp.INSTANCE;
        }
        in.exit();
        try {
            return (Object) constructor.invokeExact(arguments);
        } catch (Throwable e) {
            throw GiveUp.INSTANCE;
        }
    }

    /** The component whose key is next, out of order. */
    private int find(JsonInput in) {
        for (int i = 0; i < keys.length; i++) {
            if (in.consume(keys[i])) {
                return i;
            }
        }
        throw GiveUp.INSTANCE;
    }
}
