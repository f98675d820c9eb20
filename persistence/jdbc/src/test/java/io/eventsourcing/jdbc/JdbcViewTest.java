package io.eventsourcing.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.persistence.ConfigurationException;
import io.eventsourcing.persistence.Environment;
import io.eventsourcing.persistence.IntegrityException;
import io.eventsourcing.persistence.ProgrammingException;
import io.eventsourcing.persistence.Tracking;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The view base class on H2: its tables, its transactions with the tracking mark, its settings. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class JdbcViewTest {
    private final String url = "jdbc:h2:mem:view" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** A view keeping the titles of notes, in {@code notebook_titles}. */
    static final class Notebook extends JdbcView {
        private final String titles;

        Notebook(Map<String, String> env) {
            super(Environment.isolated("Notebook", env));
            this.titles = table("titles");
            create("CREATE TABLE IF NOT EXISTS " + titles + " (title VARCHAR(100) PRIMARY KEY)");
        }

        void add(String title, Tracking tracking) {
            update(tracking, connection -> {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO " + titles + " (title) VALUES (?)")) {
                    insert.setString(1, title);
                    return insert.executeUpdate();
                }
            });
        }

        List<String> titles() {
            return query(connection -> {
                List<String> found = new ArrayList<>();
                try (PreparedStatement select = connection.prepareStatement("SELECT title FROM " + titles + " ORDER BY title");
                        ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(rows.getString(1));
                    }
                }
                return found;
            });
        }

        boolean exists(String table) {
            return query(connection -> {
                try (ResultSet rows = connection.getMetaData().getTables(null, null, table.toUpperCase(), null)) {
                    return rows.next();
                }
            });
        }

        String dialectName() {
            return dialect();
        }

        String unqualified(String suffix) {
            return unqualifiedTable(suffix);
        }

        String qualified(String suffix) {
            return table(suffix);
        }
    }

    private Notebook notebook(Map<String, String> more) {
        Map<String, String> env = new HashMap<>(Map.of("PERSISTENCE_MODULE", "jdbc", "JDBC_URL", url));
        env.putAll(more);
        Notebook notebook = new Notebook(env);
        opened.add(notebook);
        return notebook;
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable view : opened) {
            view.close();
        }
    }

    @Test
    void an_update_changes_the_view_and_raises_the_tracking_mark_together() {
        Notebook notebook = notebook(Map.of());

        notebook.add("Shopping", new Tracking("Notes", 1));
        notebook.add("Recipes", new Tracking("Notes", 2));

        assertThat(notebook.titles()).containsExactly("Recipes", "Shopping");
        assertThat(notebook.maxTrackingId("Notes")).isEqualTo(2);
    }

    @Test
    void an_update_at_a_recorded_position_is_refused_and_its_change_rolled_back() {
        Notebook notebook = notebook(Map.of());
        notebook.add("Shopping", new Tracking("Notes", 1));

        assertThatThrownBy(() -> notebook.add("Recipes", new Tracking("Notes", 1)))
                .isInstanceOf(IntegrityException.class);
        assertThat(notebook.titles()).containsExactly("Shopping");
    }

    @Test
    void a_failing_change_leaves_the_tracking_mark_where_it_was() {
        Notebook notebook = notebook(Map.of());
        notebook.add("Shopping", new Tracking("Notes", 1));

        assertThatThrownBy(() -> notebook.add("Shopping", new Tracking("Notes", 2)))   // duplicate title
                .isInstanceOf(IntegrityException.class);
        assertThat(notebook.maxTrackingId("Notes")).isEqualTo(1);
    }

    @Test
    void its_tables_are_named_from_the_view_and_checked_to_be_identifiers() {
        Notebook notebook = notebook(Map.of("NOTEBOOK_JDBC_SCHEMA", "public"));

        assertThat(notebook.name()).isEqualTo("Notebook");
        assertThat(notebook.dialectName()).isEqualTo("h2");
        assertThat(notebook.qualified("titles")).isEqualTo("public.notebook_titles");
        assertThat(notebook.unqualified("titles")).isEqualTo("notebook_titles");
        assertThatThrownBy(() -> notebook.qualified("titles; DROP TABLE x")).isInstanceOf(ProgrammingException.class);
    }

    @Test
    void with_CREATE_TABLE_false_it_creates_no_table() {
        Notebook notebook = notebook(Map.of("CREATE_TABLE", "false"));

        assertThat(notebook.exists("notebook_titles")).isFalse();
        assertThat(notebook.exists("notebook_tracking")).isFalse();
        assertThat(notebook(Map.of()).exists("notebook_titles")).isTrue();
    }

    @Test
    void a_backend_without_sql_tables_is_refused_naming_the_setting() {
        assertThatThrownBy(() -> new Notebook(Map.of("PERSISTENCE_MODULE", "memory")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Notebook keeps its view in SQL tables, and InMemoryFactory has none: set "
                        + "PERSISTENCE_MODULE to sqlite, postgres or jdbc");
    }
}
