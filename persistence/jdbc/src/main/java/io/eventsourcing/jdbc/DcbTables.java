package io.eventsourcing.jdbc;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.persistence.ProgrammingException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The DCB tables of one application, named from its {@link Tables}: {@code <app>_dcb_events} (position,
 * type, data, tags) with its index {@code <app>_dcb_events_type_idx}, {@code <app>_dcb_tags} (one row
 * per tag of each event, the index of queries by tag) and, for the databases that lock a row,
 * {@code <app>_dcb_events_lock} (the one row that appenders lock), with the same schema.
 *
 * @param tables the application's tables, whose prefix and schema these share
 */
public record DcbTables(Tables tables) {

    /** @throws NullPointerException if tables is null */
    public DcbTables {
        requireNonNull(tables, "tables");
    }

    /**
     * The DCB tables of an application.
     *
     * @param maxIdentifierLength the database's limit on identifier length, in bytes
     * @throws ProgrammingException if a table or index name would be too long
     */
    public static DcbTables of(Tables tables, int maxIdentifierLength) {
        DcbTables dcb = new DcbTables(tables);
        for (String name : new String[] {dcb.eventsName(), dcb.tagsName(), dcb.lockName(),
                dcb.indexName("type_idx")}) {
            if (name.getBytes(StandardCharsets.UTF_8).length > maxIdentifierLength) {
                throw new ProgrammingException("DCB table name too long: '" + name + "' has more than "
                        + maxIdentifierLength + " bytes, the database's limit; give the application a shorter name");
            }
        }
        return dcb;
    }

    /** The schema, or null for the connection's default. */
    public @Nullable String schema() {
        return tables.schema();
    }

    /** The unqualified events table name, {@code <app>_dcb_events}. */
    public String eventsName() {
        return tables.prefix() + "_dcb_events";
    }

    /** The unqualified tag index table name, {@code <app>_dcb_tags}. */
    public String tagsName() {
        return tables.prefix() + "_dcb_tags";
    }

    /** The unqualified lock table name, {@code <app>_dcb_events_lock}. */
    public String lockName() {
        return tables.prefix() + "_dcb_events_lock";
    }

    /** The unqualified name of an index of the events table: {@code <app>_dcb_events_<suffix>}. */
    public String indexName(String suffix) {
        return eventsName() + "_" + suffix;
    }

    /** The events table, schema-qualified. */
    public String events() {
        return qualify(eventsName());
    }

    /** The tag index table, schema-qualified. */
    public String tags() {
        return qualify(tagsName());
    }

    /** The lock table, schema-qualified. */
    public String lock() {
        return qualify(lockName());
    }

    /** A name qualified by the schema, if there is one. */
    public String qualify(String name) {
        String schema = tables.schema();
        return schema == null ? name : schema + "." + name;
    }
}
