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
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/*
 * Queries. Each query item becomes a select of positions that an index answers: an item with tags
 * reads the tag table by its primary key (tag, position) for its first tag, joins it to itself once
 * per further tag and filters on the type stored beside each tag; an item with types only reads the
 * events table's (type, position) index. The items' positions are combined with UNION (which drops
 * an event that two items match) and joined to the events table by its primary key (on PostgreSQL,
 * read as an array first, then looked up by it). With a limit,
 * each item's select is limited too, so a read of the first 100 events of a tag with a million reads
 * about 100 index entries.
 */

/**
 * The DCB statements of the SQL databases: the events table {@code <app>_dcb_events (position, type,
 * data, tags)}, where {@code tags} holds the tags only to read them back, and the index table
 * {@code <app>_dcb_tags (tag, position, type)} with primary key {@code (tag, position)}, one row per tag
 * of each event, which queries by tag read instead of the events. A subclass gives a database's table
 * definitions and its append lock: SQLite serialises appenders itself (every write transaction begins
 * {@code IMMEDIATE}); MariaDB and H2 lock the one row of {@code <app>_dcb_events_lock}
 * ({@code SELECT ... FOR UPDATE}); PostgreSQL's (in its module) locks the events table. On MariaDB types
 * and tags compare exactly ({@code utf8mb4_bin}), but, as that collation pads, a trailing space does
 * not tell two tags apart.
 *
 * <p>Why a tag table rather than an array column with an inverted index (PostgreSQL's {@code text[]}
 * with GIN, tried first): a read is "the events of these tags after position p, in position order, at
 * most n", which a btree on {@code (tag, position)} answers with one range scan whatever the planner's
 * statistics say, while the inverted index needs the planner to know that a tag is rare; right after a
 * bulk load, before statistics, PostgreSQL walked the primary key instead, and a condition's check of a
 * new tag read a million rows.
 *
 * <p>Immutable and thread-safe.
 */
public abstract class TagTableDcbDialect implements JdbcDcbDialect {
    private static final int ROWS_PER_INSERT = 1_000;

    private final boolean positionsInArray;
    private final boolean insertsTogether;

    /** For subclasses: a database's table definitions and append lock. */
    protected TagTableDcbDialect() {
        this(false, false);
    }

    /**
     * For subclasses of databases that can do more (PostgreSQL).
     *
     * @param positionsInArray select the events of a query by {@code position = ANY(ARRAY(...))} rather
     *     than a join: the positions are found first, once, and the events then read by their primary
     *     key, a plan that does not depend on the table's statistics
     * @param insertsTogether send the insert of the events and the insert of their tags as one prepared
     *     statement of two, in one round trip, when each fits one statement
     */
    protected TagTableDcbDialect(boolean positionsInArray, boolean insertsTogether) {
        this.positionsInArray = positionsInArray;
        this.insertsTogether = insertsTogether;
    }

    /** SQLite's: appenders are serialised by the database's single writer. */
    public static TagTableDcbDialect sqlite() {
        return new Standard(Database.SQLITE);
    }

    /** MariaDB's and MySQL's (InnoDB): appenders lock a row. */
    public static TagTableDcbDialect mariaDb() {
        return new Standard(Database.MARIADB);
    }

    /** H2's: appenders lock a row. */
    public static TagTableDcbDialect h2() {
        return new Standard(Database.H2);
    }

    /** Takes the lock that serialises the store's appenders until the transaction ends. */
    protected abstract void lockAppends(Connection connection, DcbTables tables) throws SQLException;

    /** The lock, then the largest position and the condition's check: a group of one. */
    @Override
    public Locked lock(Connection connection, DcbTables tables, @Nullable DcbAppendCondition condition)
            throws SQLException {
        long[] locked = lock(connection, tables, Collections.singletonList(condition));
        return new Locked(locked[0], locked[1]);
    }

    /** The lock, then the largest position and every condition's check in one select. */
    @Override
    public long[] lock(Connection connection, DcbTables tables, List<@Nullable DcbAppendCondition> conditions)
            throws SQLException {
        lockAppends(connection, tables);
        List<Object> parameters = new ArrayList<>();
        String columns = headColumns(tables, conditions, parameters);
        try (PreparedStatement select = connection.prepareStatement("SELECT " + columns)) {
            bind(select, parameters);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return locked(rows, conditions.size());
            }
        }
    }

    /** The largest position and the conditions' positions from the row of a {@link #headColumns} select. */
    protected static long[] locked(ResultSet row, int conditions) throws SQLException {
        long[] locked = new long[conditions + 1];
        for (int i = 0; i < locked.length; i++) {
            locked[i] = row.getLong(i + 1);
        }
        return locked;
    }

    /**
     * The columns of the select an append makes under its lock: the largest position and, with a
     * condition, the position of the first event that fails it (NULL, read as 0, when none does). Its
     * parameters are added to {@code parameters}.
     */
    protected final String headColumns(DcbTables tables, @Nullable DcbAppendCondition condition,
            List<Object> parameters) {
        return headColumns(tables, condition == null ? List.of() : List.of(condition), parameters);
    }

    /**
     * The columns of the select a group of appends makes under its lock: the largest position, then for
     * each condition the position of the first event that fails it (NULL, read as 0, when none does, or
     * when the condition is null). Its parameters are added to {@code parameters}.
     */
    protected final String headColumns(DcbTables tables, List<@Nullable DcbAppendCondition> conditions,
            List<Object> parameters) {
        DcbSql sql = new DcbSql().append("(SELECT MAX(position) FROM ").append(tables.events()).append(")");
        for (DcbAppendCondition condition : conditions) {
            if (condition == null) {
                sql.append(", NULL");
                continue;
            }
            sql.append(", (SELECT MIN(m.position) FROM (");
            positions(sql, tables, condition.failIfEventsMatch(), condition.afterOrZero(), 1);
            sql.append(") m)");
        }
        parameters.addAll(sql.parameters());
        return sql.text();
    }

    @Override
    public void insert(Connection connection, DcbTables tables, List<DcbEvent> events, long first)
            throws SQLException {
        List<Object[]> tagRows = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            for (String tag : events.get(i).tags()) {
                tagRows.add(new Object[] {tag, first + i, events.get(i).type()});
            }
        }
        if (insertsTogether && events.size() <= ROWS_PER_INSERT && !tagRows.isEmpty()
                && tagRows.size() <= ROWS_PER_INSERT) {
            try (PreparedStatement insert = connection.prepareStatement(eventsInsert(tables, events.size()) + "; "
                    + tagsInsert(tables, tagRows.size()))) {
                int index = bindEvents(insert, 1, events, 0, events.size(), first);
                bindTags(insert, index, tagRows);
                insert.execute();
                while (insert.getMoreResults() || insert.getUpdateCount() != -1) {
                    // consume the second statement's count
                }
            }
            return;
        }
        for (int from = 0; from < events.size(); from += ROWS_PER_INSERT) {
            int rows = Math.min(ROWS_PER_INSERT, events.size() - from);
            try (PreparedStatement insert = connection.prepareStatement(eventsInsert(tables, rows))) {
                bindEvents(insert, 1, events, from, rows, first);
                insert.executeUpdate();
            }
        }
        for (int from = 0; from < tagRows.size(); from += ROWS_PER_INSERT) {
            int rows = Math.min(ROWS_PER_INSERT, tagRows.size() - from);
            try (PreparedStatement insert = connection.prepareStatement(tagsInsert(tables, rows))) {
                bindTags(insert, 1, tagRows.subList(from, from + rows));
                insert.executeUpdate();
            }
        }
    }

    private static String eventsInsert(DcbTables tables, int rows) {
        return values("INSERT INTO " + tables.events() + " (position, type, data, tags) VALUES ", "(?, ?, ?, ?)", rows);
    }

    private static String tagsInsert(DcbTables tables, int rows) {
        return values("INSERT INTO " + tables.tags() + " (tag, position, type) VALUES ", "(?, ?, ?)", rows);
    }

    /** Binds events {@code from} to {@code from + rows} from parameter {@code index}; returns the next index. */
    private static int bindEvents(PreparedStatement insert, int index, List<DcbEvent> events, int from, int rows,
            long first) throws SQLException {
        int next = index;
        for (int i = from; i < from + rows; i++) {
            DcbEvent event = events.get(i);
            insert.setLong(next++, first + i);
            insert.setString(next++, event.type());
            insert.setBytes(next++, event.data());
            insert.setString(next++, DcbTagList.encode(event.tags()));
        }
        return next;
    }

    private static void bindTags(PreparedStatement insert, int index, List<Object[]> rows) throws SQLException {
        int next = index;
        for (Object[] row : rows) {
            insert.setString(next++, (String) row[0]);
            insert.setLong(next++, (Long) row[1]);
            insert.setString(next++, (String) row[2]);
        }
    }

    @Override
    public List<DcbSequencedEvent> select(Connection connection, DcbTables tables, DcbQuery query, long after,
            int limit) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(selectSql(tables, query, after, limit,
                parameters))) {
            bind(select, parameters);
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
     * The select of {@link #select}, its parameters added to {@code parameters} (strings, longs and
     * ints, in order): for tests of the database's plans.
     */
    protected final String selectSql(DcbTables tables, DcbQuery query, long after, int limit,
            List<Object> parameters) {
        DcbSql sql = new DcbSql().append("SELECT e.position, e.type, e.data, e.tags FROM ").append(tables.events())
                .append(" e");
        if (query.matchesAll()) {
            sql.append(" WHERE e.position > ").parameter(after);
        } else if (positionsInArray) {
            sql.append(" WHERE e.position = ANY(ARRAY(");
            positions(sql, tables, query, after, limit);
            sql.append("))");
        } else {
            sql.append(" JOIN (");
            positions(sql, tables, query, after, limit);
            sql.append(") m ON m.position = e.position");
        }
        sql.append(" ORDER BY e.position");
        if (limit != Integer.MAX_VALUE) {
            sql.append(" LIMIT ").parameter(limit);
        }
        parameters.addAll(sql.parameters());
        return sql.text();
    }

    /** How an event's tags are kept in the events table's {@code tags} column. */
    protected static String tagList(List<String> tags) {
        return DcbTagList.encode(tags);
    }

    /** Binds parameters (strings, longs, ints and byte arrays) in order from the first. */
    protected static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            switch (parameters.get(i)) {
                case String s -> statement.setString(i + 1, s);
                case Long l -> statement.setLong(i + 1, l);
                case Integer n -> statement.setInt(i + 1, n);
                case byte[] bytes -> statement.setBytes(i + 1, bytes);
                default -> statement.setObject(i + 1, parameters.get(i));
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

    private enum Database { SQLITE, MARIADB, H2 }

    /** The dialects of SQLite, MariaDB/MySQL and H2. */
    private static final class Standard extends TagTableDcbDialect {
        private final Database database;

        Standard(Database database) {
            this.database = database;
        }

        @Override
        public List<String> createTables(DcbTables tables) {
            String typeIndex = tables.indexName("type_idx");
            return switch (database) {
                case SQLITE -> List.of(
                        "CREATE TABLE IF NOT EXISTS " + tables.events() + " (position INTEGER NOT NULL PRIMARY KEY, "
                                + "type TEXT NOT NULL, data BLOB NOT NULL, tags TEXT NOT NULL)",
                        "CREATE INDEX IF NOT EXISTS " + typeIndex + " ON " + tables.events() + " (type, position)",
                        "CREATE TABLE IF NOT EXISTS " + tables.tags() + " (tag TEXT NOT NULL, position INTEGER "
                                + "NOT NULL, type TEXT NOT NULL, PRIMARY KEY (tag, position)) WITHOUT ROWID");
                case MARIADB -> {
                    String key = "VARCHAR(512) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL";
                    yield List.of(
                            "CREATE TABLE IF NOT EXISTS " + tables.events() + " (position BIGINT NOT NULL PRIMARY "
                                    + "KEY, type " + key + ", data LONGBLOB NOT NULL, tags TEXT CHARACTER SET utf8mb4 "
                                    + "COLLATE utf8mb4_bin NOT NULL, INDEX " + typeIndex + " (type, position)) "
                                    + "ENGINE=InnoDB",
                            "CREATE TABLE IF NOT EXISTS " + tables.tags() + " (tag " + key + ", position BIGINT NOT "
                                    + "NULL, type " + key + ", PRIMARY KEY (tag, position)) ENGINE=InnoDB",
                            "CREATE TABLE IF NOT EXISTS " + tables.lock() + " (id INT NOT NULL PRIMARY KEY) "
                                    + "ENGINE=InnoDB",
                            "INSERT IGNORE INTO " + tables.lock() + " (id) VALUES (1)");
                }
                case H2 -> List.of(
                        "CREATE TABLE IF NOT EXISTS " + tables.events() + " (position BIGINT NOT NULL PRIMARY KEY, "
                                + "type VARCHAR NOT NULL, data VARBINARY NOT NULL, tags VARCHAR NOT NULL)",
                        "CREATE INDEX IF NOT EXISTS " + tables.qualify(typeIndex) + " ON " + tables.events()
                                + " (type, position)",
                        "CREATE TABLE IF NOT EXISTS " + tables.tags() + " (tag VARCHAR NOT NULL, position BIGINT "
                                + "NOT NULL, type VARCHAR NOT NULL, PRIMARY KEY (tag, position))",
                        "CREATE TABLE IF NOT EXISTS " + tables.lock() + " (id INT NOT NULL PRIMARY KEY)",
                        "MERGE INTO " + tables.lock() + " (id) KEY (id) VALUES (1)");
            };
        }

        @Override
        protected void lockAppends(Connection connection, DcbTables tables) throws SQLException {
            if (database == Database.SQLITE) {
                return; // the transaction began IMMEDIATE and holds the database's only write lock
            }
            try (PreparedStatement lock = connection.prepareStatement(
                    "SELECT id FROM " + tables.lock() + " WHERE id = 1 FOR UPDATE");
                    ResultSet rows = lock.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("the lock row of " + tables.lock() + " is missing", "42S02");
                }
            }
        }
    }
}
