package io.eventsourcing.internal.json;

import java.util.Optional;

/** An Optional record component: empty as JSON null, present as its value; JSON null reads as empty. */
final class OptionalCodec implements ValueCodec {
    private final ValueCodec value;

    OptionalCodec(ValueCodec value) {
        this.value = value;
    }

    @Override
    public void write(JsonOutput out, Object optional) {
        Optional<?> present = (Optional<?>) optional;
        if (present.isEmpty()) {
            out.nullValue();
        } else {
            value.write(out, present.get());
        }
    }

    @Override
    public Object read(JsonInput in) {
        return Optional.of(value.read(in));
    }

    @Override
    public Object nullValue() {
        return Optional.empty();
    }
}
