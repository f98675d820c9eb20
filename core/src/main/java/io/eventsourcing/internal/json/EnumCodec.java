package io.eventsourcing.internal.json;

import java.util.HashMap;
import java.util.Map;

/**
 * An enum as the string of its constant. Jackson 3 writes and reads enums by toString(), so the codec
 * only takes enums that keep Enum's toString() (the name), see {@link Eligibility}.
 */
final class EnumCodec implements ValueCodec {
    /** Up to this many constants are matched byte by byte; more are looked up by name. */
    private static final int SCANNED = 8;

    private final Class<?> type;
    private final Enum<?>[] constants;
    /** Each constant's quoted name as written. */
    private final byte[][] quoted;
    private final Map<String, Enum<?>> byName = new HashMap<>();

    EnumCodec(Class<?> type, Enum<?>[] constants, byte[][] quoted) {
        this.type = type;
        this.constants = constants.clone();
        this.quoted = quoted.clone();
        for (Enum<?> constant : constants) {
            byName.put(constant.name(), constant);
        }
    }

    @Override
    public void write(JsonOutput out, Object value) {
        Enum<?> constant = (Enum<?>) value;
        if (constant.getDeclaringClass() != type) {
            throw GiveUp.INSTANCE;
        }
        out.raw(quoted[constant.ordinal()]);
    }

    @Override
    public Object read(JsonInput in) {
        if (in.peek() != '"') {
            throw GiveUp.INSTANCE;
        }
        if (constants.length <= SCANNED) {
            for (int i = 0; i < constants.length; i++) {
                if (in.consume(quoted[i])) {
                    return constants[i];
                }
            }
            throw GiveUp.INSTANCE;
        }
        Enum<?> constant = byName.get(in.string());
        if (constant == null) {
            throw GiveUp.INSTANCE;
        }
        return constant;
    }
}
