package io.eventsourcing.internal.json;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Map of String keys as a JSON object, in the map's iteration order. Reads into a LinkedHashMap, as
 * Jackson does; a repeated key keeps its first place and its last value, as Jackson's put does.
 */
final class MapCodec implements ValueCodec {
    private final ValueCodec values;

    MapCodec(ValueCodec values) {
        this.values = values;
    }

    @Override
    public void write(JsonOutput out, Object value) {
        Map<?, ?> map = (Map<?, ?>) value;
        if (!Eligibility.isJdkCollection(map.getClass())) {
            throw GiveUp.INSTANCE;
        }
        out.enter();
        out.raw((byte) '{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!first) {
                out.raw((byte) ',');
            }
            first = false;
            out.quoted((String) entry.getKey());
            out.raw((byte) ':');
            Object entryValue = entry.getValue();
            if (entryValue == null) {
                out.nullValue();
            } else {
                values.write(out, entryValue);
            }
        }
        out.raw((byte) '}');
        out.exit();
    }

    @Override
    public Object read(JsonInput in) {
        in.enter();
        in.expect('{');
        Map<String, Object> map = new LinkedHashMap<>();
        if (in.peek() == '}') {
            in.next();
        } else {
            byte separator;
            do {
                String key = in.key();
                map.put(key, in.nullLiteral() ? values.nullValue() : values.read(in));
                separator = in.next();
            } while (separator == ',');
            if (separator != '}') {
                throw GiveUp.INSTANCE;
            }
        }
        in.exit();
        return map;
    }
}
