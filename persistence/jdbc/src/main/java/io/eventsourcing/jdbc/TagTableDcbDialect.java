package io.eventsourcing.jdbc;

import io.eventsourcing.dcb.DcbAppendCondition;
import io.eventsourcing.dcb.DcbEvent;
import io.eventsourcing.dcb.DcbQuery;
import io.eventsourcing.dcb.DcbQueryItem;
import io.eventsourcing.dcb.DcbSequencedEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/*
 * Queries. Each query item becomes a select of positions that an index answers: an item with tags
 * reads the tag table by its primary key (tag, position) for its first tag, joins it to itself once
 * per further tag and filters on the type stored beside each tag; an item with types only reads the
 * events table's (type, position) index. The items' positions are combined with UNION (which drops
 * an event that two items match) and joined to the events table by its primary key. With a limit,
 * each item's select is limited too, so a read of the first 100 events of a tag with a million reads
 * about 100 index entries.
 */

/**
 * The DCB statements of the databases without array columns (SQLite, MariaDB/MySQL, H2): the events
 * table {@code <app>_dcb_events (position, type, data, tags)}, where {@code tags} holds the tags only
 * to read them back, and the index table {@code <app>_dcb_tags (tag, position, type)} with primary key
 * {@code (tag, position)}, one row per tag of each event, which queries by tag read instead of the
 * events. SQLite serialises appenders itself (every write transaction begins {@code IMMEDIATE}); MariaDB
 * and H2 lock the one row of {@code <app>_dcb_events_lock} ({@code SELECT ... FOR UPDATE}). On MariaDB
 * types and tags compare exactly ({@code utf8mb4_bin}), but, as that collation pads, a trailing space
 * does not tell two tags apart.
 *
 * <p>Immutable and thread-safe.
 */
public final class TagTableDcbDialect implements JdbcDcbDialect {
    private static final int ROWS_PER_INSERT = 1_000;

    private enum Database { SQLITE, MARIADB, H2 }

    private final Database database;

    private TagTableDcbDialect(Database database) {
        this.database = database;
    }

    /** SQLite's: appenders are serialised by the database's single writer. */
    public static TagTableDcbDialect sqlite() {
        return new TagTableDcbDialect(Database.SQLITE);
    }

    /** MariaDB's and MySQL's (InnoDB): appenders lock a row. */
    public static TagTableDcbDialect mariaDb() {
        return new TagTableDcbDialect(Database.MARIADB);
    }

    /** H2's: appenders lock a row. */
    public static TagTableDcbDialect h2() {
        return new TagTableDcbDialect(Database.H2);
    }

    @Override
    public List<String> createTables(DcbTables tables) {
        String typeIndex = tables.indexName("type_idx");
        return switch (database) {
            case SQLITE -> List.of(
                    "CREATE TABLE IF NOT EXISTS " + tables.events() + " (position INTEGER NOT NULL PRIMARY KEY, "
                            + "type TEXT NOT NULL, data BLOB NOT NULL, tags TEXT NOT NULL)",
                    "CREATE INDEX IF NOT EXISTS " + typeIndex + " ON " + tables.events() + " (type, position)",
                    "CREATE TABLE IF NOT EXISTS " + tables.tags() + " (tag TEXT NOT NULL, position INTEGER NOT NULL, "
                            + "type TEXT NOT NULL, PRIMARY KEY (tag, position)) WITHOUT ROWID");
            case MARIADB -> {
                String key = "VARCHAR(512) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL";
                yield List.of(
                        "CREATE TABLE IF NOT EXISTS " + tables.events() + " (position BIGINT NOT NULL PRIMARY KEY, "
                                + "type " + key + ", data LONGBLOB NOT NULL, tags TEXT CHARACTER SET utf8mb4 "
                                + "COLLATE utf8mb4_bin NOT NULL, INDEX " + typeIndex + " (type, position)) ENGINE=InnoDB",
                        "CREATE TABLE IF NOT EXISTS " + tables.tags() + " (tag " + key + ", position BIGINT NOT NULL, "
                                + "type " + key + ", PRIMARY KEY (tag, position)) ENGINE=InnoDB",
                        "CREATE TABLE IF NOT EXISTS " + tables.lock() + " (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB",
                        "INSERT IGNORE INTO " + tables.lock() + " (id) VALUES (1)");
            }
            case H2 -> List.of(
                    "CREATE TABLE IF NOT EXISTS " + tables.events() + " (position BIGINT NOT NULL PRIMARY KEY, "
                            + "type VARCHAR NOT NULL, data VARBINARY NOT NULL, tags VARCHAR NOT NULL)",
                    "CREATE INDEX IF NOT EXISTS " + tables.qualify(typeIndex) + " ON " + tables.events()
                            + " (type, position)",
                    "CREATE TABLE IF NOT EXISTS " + tables.tags() + " (tag VARCHAR NOT NULL, position BIGINT NOT NULL, "
                            + "type VARCHAR NOT NULL, PRIMARY KEY (tag, position))",
                    "CREATE TABLE IF NOT EXISTS " + tables.lock() + " (id INT NOT NULL PRIMARY KEY)",
                    "MERGE INTO " + tables.lock() + " (id) KEY (id) VALUES (1)");
        };
    }

    @Override
    public Locked lock(Connection connection, DcbTables tables, @Nullable DcbAppendCondition condition)
            throws SQLException {
        if (database != Database.SQLITE) {
            try (PreparedStatement lock = connection.prepareStatement(
                    "SELECT id FROM " + tables.lock() + " WHERE id = 1 FOR UPDATE");
                    ResultSet rows = lock.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("the lock row of " + tables.lock() + " is missing", "42S02");
                }
            }
        }
        DcbSql sql = new DcbSql().append("SELECT (SELECT MAX(position) FROM ").append(tables.events()).append(")");
        if (condition != null) {
            sql.append(", (SELECT MIN(m.position) FROM (");
            positions(sql, tables, condition.failIfEventsMatch(), condition.afterOrZero(), 1);
            sql.append(") m)");
        }
        try (PreparedStatement select = connection.prepareStatement(sql.text())) {
            sql.bind(select);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return new Locked(rows.getLong(1), condition == null ? 0 : rows.getLong(2));
            }
        }
    }

    @Override
    public void insert(Connection connection, DcbTables tables, List<DcbEvent> events, long first)
            throws SQLException {
        for (int from = 0; from < events.size(); from += ROWS_PER_INSERT) {
            int rows = Math.min(ROWS_PER_INSERT, events.size() - from);
            try (PreparedStatement insert = connection.prepareStatement(values("INSERT INTO " + tables.events()
                    + " (position, type, data, tags) VALUES ", "(?, ?, ?, ?)", rows))) {
                int index = 1;
                for (int i = from; i < from + rows; i++) {
                    DcbEvent event = events.get(i);
                    insert.setLong(index++, first + i);
                    insert.setString(index++, event.type());
                    insert.setBytes(index++, event.data());
                    insert.setString(index++, DcbTagList.encode(event.tags()));
                }
                insert.executeUpdate();
            }
        }
        List<Object[]> tagRows = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            for (String tag : events.get(i).tags()) {
                tagRows.add(new Object[] {tag, first + i, events.get(i).type()});
            }
        }
        for (int from = 0; from < tagRows.size(); from += ROWS_PER_INSERT) {
            int rows = Math.min(ROWS_PER_INSERT, tagRows.size() - from);
            try (PreparedStatement insert = connection.prepareStatement(values("INSERT INTO " + tables.tags()
                    + " (tag, position, type) VALUES ", "(?, ?, ?)", rows))) {
                int index = 1;
                for (Object[] row : tagRows.subList(from, from + rows)) {
                    insert.setString(index++, (String) row[0]);
                    insert.setLong(index++, (Long) row[1]);
                    insert.setString(index++, (String) row[2]);
                }
                insert.executeUpdate();
            }
        }
    }

    @Override
    public List<DcbSequencedEvent> select(Connection connection, DcbTables tables, DcbQuery query, long after,
            int limit) throws SQLException {
        DcbSql sql = new DcbSql().append("SELECT e.position, e.type, e.data, e.tags FROM ").append(tables.events())
                .append(" e");
        if (query.matchesAll()) {
            sql.append(" WHERE e.position > ").parameter(after);
        } else {
            sql.append(" JOIN (");
            positions(sql, tables, query, after, limit);
            sql.append(") m ON m.position = e.position");
        }
        sql.append(" ORDER BY e.position");
        if (limit != Integer.MAX_VALUE) {
            sql.append(" LIMIT ").parameter(limit);
        }
        try (PreparedStatement select = connection.prepareStatement(sql.text())) {
            sql.bind(select);
            try (ResultSet rows = select.executeQuery()) {
                List<DcbSequencedEvent> events = new ArrayList<>();
                while (rows.next()) {
                    events.add(new DcbSequencedEvent(rows.getLong(1),
                            new DcbEvent(rows.getString(2), rows.getBytes(3), DcbTagList.decode(rows.getString(4)))));
                }
                return events;
            }
        }
    }

    /**
     * Writes a select of the positions above {@code after} of the events the query matches (see the
     * comment at the top): the union of one select per item, each limited when {@code limit} is.
     */
    private static void positions(DcbSql sql, DcbTables tables, DcbQuery query, long after, int limit) {
        if (query.matchesAll()) {
            sql.append("SELECT position FROM ").append(tables.events()).append(" WHERE position > ").parameter(after);
            return;
        }
        int n = 0;
        for (DcbQueryItem item : query.items()) {
            if (n > 0) {
                sql.append(" UNION ");
            }
            String alias = "s" + n++;
            sql.append("SELECT position FROM (");
            if (item.tags().isEmpty()) {
                sql.append("SELECT position FROM ").append(tables.events()).append(" WHERE type IN ").in(item.types())
                        .append(" AND position > ").parameter(after);
                if (limit != Integer.MAX_VALUE) {
                    sql.append(" ORDER BY position");
                }
            } else {
                Iterator<String> tags = item.tags().iterator();
                String firstTag = tags.next();
                sql.append("SELECT t0.position AS position FROM ").append(tables.tags()).append(" t0");
                for (int t = 1; tags.hasNext(); t++) {
                    sql.append(" JOIN ").append(tables.tags()).append(" t" + t).append(" ON t" + t + ".tag = ")
                            .parameter(tags.next()).append(" AND t" + t + ".position = t0.position");
                }
                sql.append(" WHERE t0.tag = ").parameter(firstTag).append(" AND t0.position > ").parameter(after);
                if (!item.types().isEmpty()) {
                    sql.append(" AND t0.type IN ").in(item.types());
                }
                if (limit != Integer.MAX_VALUE) {
                    sql.append(" ORDER BY t0.position");
                }
            }
            if (limit != Integer.MAX_VALUE) {
                sql.append(" LIMIT ").parameter(limit);
            }
            sql.append(") ").append(alias);
        }
    }

    private static String values(String insert, String row, int rows) {
        StringBuilder sql = new StringBuilder(insert.length() + rows * (row.length() + 2)).append(insert).append(row);
        for (int i = 1; i < rows; i++) {
            sql.append(", ").append(row);
        }
        return sql.toString();
    }
}
