package io.eventsourcing.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A SQL statement being written, with the parameters it takes in order (strings, longs, ints and arrays). */
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

    void bind(PreparedStatement statement) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object value = parameters.get(i);
            switch (value) {
                case String s -> statement.setString(i + 1, s);
                case Long l -> statement.setLong(i + 1, l);
                case Integer n -> statement.setInt(i + 1, n);
                case java.sql.Array a -> statement.setArray(i + 1, a);
                default -> statement.setObject(i + 1, value);
            }
        }
    }
}
