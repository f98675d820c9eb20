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
        out.open('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!first) {
                out.raw((byte) ',');
            }
            first = false;
            out.quoted((String) entry.getKey());
            out.raw((byte) ':');
            values.writeOrNull(out, entry.getValue());
        }
        out.close('}');
    }

    @Override
    public Object read(JsonInput in) {
        in.open('{');
        Map<String, Object> map = new LinkedHashMap<>();
        if (!in.empty('}')) {
            do {
                String key = in.key();
                map.put(key, values.readOrNull(in));
            } while (in.more('}'));
        }
        in.exit();
        return map;
    }
}
