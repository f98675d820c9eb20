package io.eventsourcing.internal.json;

import java.util.HashMap;
import org.jspecify.annotations.Nullable;

/*
 * Why: reading an event's payload with Jackson costs a parser, a deserialization context and the bean
 * deserializer's machinery per event, and writing it a generator; for the plain records events are,
 * that is most of the time a stored event takes to encode or decode. This codec writes the bytes
 * Jackson's standard configuration writes (so the stored format is Jackson's, and stays so when the
 * codec gives up) and reads them into objects equal to Jackson's, with nothing per call but a cursor.
 *
 * How it stays exact: a class is taken only if it is a record whose classes and component types are
 * all of the plain kinds (Codecs, Eligibility), and a value or JSON is taken only if every part of it
 * is read or written the one way Jackson would (JsonInput, JsonOutput); at the first doubt the codec
 * gives up and the caller uses Jackson for the whole payload, so whatever Jackson accepts, rejects or
 * reports stays as it was.
 */

/**
 * The entry points of the fast codec of payload records. Thread-safe: codecs are built once per class
 * and never change. Not API: this package is not exported.
 */
public final class PayloadJson {
    private static final ClassValue<Plan> PLANS = new ClassValue<>() {
        @Override
        protected Plan computeValue(Class<?> type) {
            return plan(type);
        }
    };

    /** The size a payload is guessed to take before one of its class has been written. */
    private static final int GUESSED_SIZE = 64;

    private PayloadJson() {}

    /** A class's codec, or why it has none. */
    private record Plan(@Nullable RecordCodec codec, @Nullable String problem) {}

    /**
     * Appends the JSON of a payload record as Jackson's standard configuration writes it, or returns
     * false if the codec does not write it (then what was appended is to be thrown away).
     */
    public static boolean write(JsonOutput out, Object payload) {
        RecordCodec codec = PLANS.get(payload.getClass()).codec();
        if (codec == null) {
            return false;
        }
        int start = out.size();
        try {
            codec.write(out, payload);
        } catch (RuntimeException e) {
            return false;
        }
        codec.wrote(out.size() - start);
        return true;
    }

    /**
     * About how many bytes the JSON of a payload of the class takes (the most one has taken so far, or a
     * guess before the first), for sizing a buffer.
     */
    public static int expectedSize(Class<?> type) {
        RecordCodec codec = PLANS.get(type).codec();
        int largest = codec == null ? 0 : codec.largestWritten();
        return largest > 0 ? largest : GUESSED_SIZE;
    }

    /**
     * The record of the given class that the JSON object at the input's position describes, equal to
     * what Jackson's standard configuration reads from it, with the input after the object; or null if
     * the codec does not read it (then the input's position is undefined).
     */
    public static @Nullable Object read(JsonInput in, Class<?> type) {
        RecordCodec codec = PLANS.get(type).codec();
        if (codec == null) {
            return null;
        }
        try {
            return codec.read(in);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Why the codec leaves a class to Jackson, or null if it writes and reads it. */
    public static @Nullable String unsupported(Class<?> type) {
        return PLANS.get(type).problem();
    }

    private static Plan plan(Class<?> type) {
        try {
            return new Plan(Codecs.record(type, new HashMap<>()), null);
        } catch (Codecs.Unsupported e) {
            return new Plan(null, e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            return new Plan(null, type.getName() + " cannot be inspected: " + e);
        }
    }
}
