package io.eventsourcing.internal.json;

import org.jspecify.annotations.Nullable;

/**
 * Writes and reads the JSON of one declared type. Implementations are immutable once built and
 * thread-safe; they throw {@link GiveUp} (or any runtime exception) for a value or JSON they do not
 * handle exactly.
 */
interface ValueCodec {

    /** Writes a value that is not null. */
    void write(JsonOutput out, Object value);

    /** Reads a value that is not JSON null. */
    Object read(JsonInput in);

    /** What JSON null reads as: null, unless the type says otherwise (Optional) or refuses it (primitives). */
    default @Nullable Object nullValue() {
        return null;
    }

    /** Writes a value, or JSON null. */
    default void writeOrNull(JsonOutput out, @Nullable Object value) {
        if (value == null) {
            out.nullValue();
        } else {
            write(out, value);
        }
    }

    /** Reads a value, or what JSON null reads as. */
    default @Nullable Object readOrNull(JsonInput in) {
        return in.nullLiteral() ? nullValue() : read(in);
    }
}
