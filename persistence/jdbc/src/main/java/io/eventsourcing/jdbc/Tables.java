package io.eventsourcing.jdbc;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.persistence.ConfigurationException;
import io.eventsourcing.persistence.ProgrammingException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The tables of one application, named from its lower-cased name ({@code dogschool_events},
 * {@code dogschool_snapshots}, {@code dogschool_tracking}) and optionally qualified by a schema.
 * Every identifier is validated against {@code [a-z_][a-z0-9_]*}, the database's length limit and (the
 * schema, the one name used alone) its reserved words, so no SQL is ever built from untrusted text and
 * a name the database would refuse or cut short fails when the backend is constructed.
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
     * The tables for an application on a database that follows the SQL standard's reserved words.
     *
     * @see #of(String, String, JdbcDialect)
     */
    public static Tables of(String applicationName, @Nullable String schema, int maxIdentifierLength) {
        return of(applicationName, schema, maxIdentifierLength, ReservedWords.SQL_2016::contains);
    }

    /**
     * The tables for an application on a dialect's database.
     *
     * @param applicationName the application's name; lower-cased
     * @param schema the schema (lower-cased), or null or blank for the default
     * @param dialect the database's limit on identifier length and its reserved words
     * @throws ProgrammingException if the application name is blank, a name is not a plain identifier,
     *     a table name or the schema would be too long, or the schema is a reserved word
     */
    public static Tables of(String applicationName, @Nullable String schema, JdbcDialect dialect) {
        return of(applicationName, schema, dialect.maxIdentifierLength(), dialect::isReserved);
    }

    private static Tables of(String applicationName, @Nullable String schema, int maxIdentifierLength,
            Predicate<String> reserved) {
        requireNonNull(applicationName, "applicationName");
        if (applicationName.isBlank()) {
            throw new ProgrammingException("the application name is blank: it names the application's tables "
                    + "(<name>_events) and prefixes its variables; give the application a name");
        }
        String prefix = applicationName.toLowerCase(Locale.ROOT);
        String normalisedSchema = normalise(schema);
        if (normalisedSchema != null) {
            String problem = schemaProblem(normalisedSchema, maxIdentifierLength, reserved);
            if (problem != null) {
                throw new ProgrammingException("schema '" + normalisedSchema + "' " + problem);
            }
        }
        Tables tables = new Tables(normalisedSchema, prefix);
        for (String name : new String[] {tables.eventsName(), tables.snapshotsName(), tables.trackingName(),
                tables.lockName()}) {
            if (bytes(name) > maxIdentifierLength) {
                throw new ProgrammingException("table name too long: '" + name + "' has more than "
                        + maxIdentifierLength + " bytes, the database's limit; give the application a shorter name");
            }
        }
        return tables;
    }

    /**
     * Checks a schema given by a setting, as {@link #of(String, String, JdbcDialect)} will use it.
     *
     * @param variable the setting's name, for the message
     * @param schema the setting's value, or null or blank for none
     * @return the schema as the tables use it (trimmed and lower-cased), or null for none
     * @throws ConfigurationException naming the variable if the schema cannot be used
     */
    public static @Nullable String checkSchema(String variable, @Nullable String schema, JdbcDialect dialect) {
        String normalised = normalise(schema);
        if (normalised == null) {
            return null;
        }
        String problem = IDENTIFIER.matcher(normalised).matches()
                ? schemaProblem(normalised, dialect.maxIdentifierLength(), dialect::isReserved)
                : "cannot name a schema: use letters, digits and underscores, starting with a letter or underscore";
        if (problem != null) {
            throw new ConfigurationException(variable + " '" + schema + "' " + problem);
        }
        return normalised;
    }

    private static @Nullable String schemaProblem(String schema, int maxIdentifierLength, Predicate<String> reserved) {
        if (reserved.test(schema)) {
            return "is a reserved word of the database and cannot name a schema unquoted; choose another name";
        }
        if (bytes(schema) > maxIdentifierLength) {
            return "is too long: it has " + bytes(schema) + " bytes and the database allows " + maxIdentifierLength;
        }
        return null;
    }

    private static @Nullable String normalise(@Nullable String schema) {
        return schema == null || schema.isBlank() ? null : schema.strip().toLowerCase(Locale.ROOT);
    }

    private static int bytes(String name) {
        return name.getBytes(StandardCharsets.UTF_8).length;
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
