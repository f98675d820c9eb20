package io.eventsourcing.jdbc;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.persistence.ProgrammingException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The tables of one application, named from its lower-cased name ({@code dogschool_events},
 * {@code dogschool_snapshots}, {@code dogschool_tracking}) and optionally qualified by a schema.
 * Every identifier is validated against {@code [a-z_][a-z0-9_]*} and the database's length limit, so
 * no SQL is ever built from untrusted text.
 *
 * @param schema the schema, or null for the connection's default
 * @param prefix the lower-cased application name
 */
public record Tables(@Nullable String schema, String prefix) {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    /**
     * @throws ProgrammingException if the prefix or schema is not a plain identifier
     */
    public Tables {
        requireNonNull(prefix, "prefix");
        check("application name", prefix);
        if (schema != null) {
            check("schema", schema);
        }
    }

    /**
     * The tables for an application.
     *
     * @param applicationName the application's name; lower-cased
     * @param schema the schema (lower-cased), or null or blank for the default
     * @param maxIdentifierLength the database's limit on identifier length, in bytes
     * @throws ProgrammingException if a name is not a plain identifier or a table name would be too long
     */
    public static Tables of(String applicationName, @Nullable String schema, int maxIdentifierLength) {
        String prefix = applicationName.isBlank() ? "stored" : applicationName.toLowerCase(Locale.ROOT);
        String normalisedSchema = schema == null || schema.isBlank() ? null : schema.strip().toLowerCase(Locale.ROOT);
        Tables tables = new Tables(normalisedSchema, prefix);
        for (String name : new String[] {tables.eventsName(), tables.snapshotsName(), tables.trackingName(),
                tables.lockName()}) {
            if (name.getBytes(StandardCharsets.UTF_8).length > maxIdentifierLength) {
                throw new ProgrammingException("table name too long: '" + name + "' has more than "
                        + maxIdentifierLength + " bytes, the database's limit; give the application a shorter name");
            }
        }
        return tables;
    }

    /** The unqualified events table name. */
    public String eventsName() {
        return prefix + "_events";
    }

    /** The unqualified snapshots table name. */
    public String snapshotsName() {
        return prefix + "_snapshots";
    }

    /** The unqualified tracking table name. */
    public String trackingName() {
        return prefix + "_tracking";
    }

    /** The unqualified name of the one-row table some dialects lock to order notification ids. */
    public String lockName() {
        return prefix + "_events_lock";
    }

    /** The events table, schema-qualified. */
    public String events() {
        return qualify(eventsName());
    }

    /** The snapshots table, schema-qualified. */
    public String snapshots() {
        return qualify(snapshotsName());
    }

    /** The tracking table, schema-qualified. */
    public String tracking() {
        return qualify(trackingName());
    }

    /** The lock table, schema-qualified. */
    public String lock() {
        return qualify(lockName());
    }

    /** The table for an aggregate recorder's purpose: events or snapshots. */
    public String forPurpose(String purpose) {
        return switch (purpose) {
            case "events" -> events();
            case "snapshots" -> snapshots();
            default -> {
                check("purpose", purpose);
                yield qualify(prefix + "_" + purpose);
            }
        };
    }

    private String qualify(String table) {
        return schema == null ? table : schema + "." + table;
    }

    private static void check(String what, String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new ProgrammingException(what + " '" + name + "' cannot name a table: use letters, digits and "
                    + "underscores, starting with a letter or underscore");
        }
    }
}
