package io.eventsourcing.examples.projections;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.jdbc.JdbcView;
import io.eventsourcing.persistence.Tracking;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A full-text index of pages, by title and body: on SQLite an FTS5 virtual table, on PostgreSQL a
 * table with a generated {@code tsvector} column under a GIN index. Both stem English words, so
 * {@code "indexing"} finds a page about an index. Named {@code PageSearchIndex}: its tables are
 * {@code pagesearchindex_pages} and {@code pagesearchindex_tracking}. Thread-safe.
 */
public final class PageSearchIndex extends JdbcView {
    private final String pages;
    private final Sql sql;

    /** The SQL that differs between the two databases. */
    private record Sql(List<String> create, String search) {}

    /**
     * The index configured by {@code env}, under the name {@code PageSearchIndex}.
     *
     * @throws IllegalArgumentException if the database is neither SQLite nor PostgreSQL
     */
    public PageSearchIndex(Map<String, String> env) {
        super("PageSearchIndex", env);
        this.pages = table("pages");
        try {
            this.sql = switch (dialect()) {
                case "sqlite" -> new Sql(List.of(
                        "CREATE VIRTUAL TABLE IF NOT EXISTS " + pages + " USING fts5("
                                + "page_id UNINDEXED, slug UNINDEXED, title, body, tokenize = 'porter unicode61')"),
                        "SELECT slug FROM " + pages + " WHERE " + pages + " MATCH ? ORDER BY rank, slug");
                case "postgresql" -> new Sql(List.of(
                        "CREATE TABLE IF NOT EXISTS " + pages + " (page_id TEXT PRIMARY KEY, slug TEXT NOT NULL, "
                                + "title TEXT NOT NULL, body TEXT NOT NULL, document TSVECTOR GENERATED ALWAYS AS "
                                + "(setweight(to_tsvector('english', title), 'A') "
                                + "|| setweight(to_tsvector('english', body), 'B')) STORED)",
                        "CREATE INDEX IF NOT EXISTS " + unqualifiedTable("pages_document") + " ON " + pages
                                + " USING GIN (document)"),
                        "SELECT slug FROM " + pages + ", plainto_tsquery('english', ?) AS query "
                                + "WHERE document @@ query ORDER BY ts_rank(document, query) DESC, slug");
                default -> throw new IllegalArgumentException("PageSearchIndex indexes with SQLite's FTS5 or "
                        + "PostgreSQL's tsvector; it cannot index on " + dialect());
            };
            create(sql.create().toArray(String[]::new));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Indexes a new page, and records the position, atomically. */
    public void insertPage(UUID pageId, String slug, String title, String body, Tracking tracking) {
        update(tracking, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO " + pages + " (page_id, slug, title, body) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, pageId.toString());
                insert.setString(2, slug);
                insert.setString(3, title);
                insert.setString(4, body);
                return insert.executeUpdate();
            }
        });
    }

    /** Replaces a page's title in the index, and records the position, atomically. */
    public void updateTitle(UUID pageId, String title, Tracking tracking) {
        set("title", pageId, title, tracking);
    }

    /** Replaces a page's body in the index, and records the position, atomically. */
    public void updateBody(UUID pageId, String body, Tracking tracking) {
        set("body", pageId, body, tracking);
    }

    /** Removes a page from the index, and records the position, atomically. */
    public void deletePage(UUID pageId, Tracking tracking) {
        update(tracking, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM " + pages + " WHERE page_id = ?")) {
                delete.setString(1, pageId.toString());
                return delete.executeUpdate();
            }
        });
    }

    /**
     * The slugs of the pages whose title or body has every word of the query, best match first.
     * Anything but letters and digits separates words; a query without words finds nothing.
     */
    public List<String> search(String query) {
        List<String> words = Arrays.stream(requireNonNull(query, "query").split("[^\\p{L}\\p{N}]+"))
                .filter(word -> !word.isEmpty())
                .toList();
        if (words.isEmpty()) {
            return List.of();
        }
        // FTS5 reads each quoted word as a string, never as an operator; plainto_tsquery ANDs plain words.
        String expression = dialect().equals("sqlite")
                ? words.stream().map(word -> "\"" + word + "\"").collect(Collectors.joining(" "))
                : String.join(" ", words);
        return query(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.search())) {
                select.setString(1, expression);
                List<String> slugs = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        slugs.add(rows.getString(1));
                    }
                }
                return slugs;
            }
        });
    }

    private void set(String column, UUID pageId, String value, Tracking tracking) {
        update(tracking, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE " + pages + " SET " + column + " = ? WHERE page_id = ?")) {
                statement.setString(1, value);
                statement.setString(2, pageId.toString());
                return statement.executeUpdate();
            }
        });
    }
}
