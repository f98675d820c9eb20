package io.eventsourcing.jdbc;

import java.util.ArrayList;
import java.util.List;

/** A SQL statement being written, with the parameters it takes in order (strings, longs and ints). */
final class DcbSql {
    private final StringBuilder text = new StringBuilder(256);
    private final List<Object> parameters = new ArrayList<>();

    DcbSql append(String sql) {
        text.append(sql);
        return this;
    }

    /** Appends a placeholder for the value. */
    DcbSql parameter(Object value) {
        text.append('?');
        parameters.add(value);
        return this;
    }

    /** Appends {@code (?, ?, ...)} for the values. */
    DcbSql in(Iterable<String> values) {
        text.append('(');
        boolean first = true;
        for (String value : values) {
            if (!first) {
                text.append(", ");
            }
            first = false;
            parameter(value);
        }
        text.append(')');
        return this;
    }

    String text() {
        return text.toString();
    }

    List<Object> parameters() {
        return parameters;
    }
}
