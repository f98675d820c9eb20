package io.eventsourcing.examples.databases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.examples.dogschool.Dog;
import io.eventsourcing.examples.dogschool.TrainingSchool;
import io.eventsourcing.tck.Databases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's database examples, run on SQLite, PostgreSQL and MariaDB. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DatabasesTest {
    @TempDir
    Path directory;

    @Test
    void the_school_runs_on_postgresql() {
        Databases.requireReachable("PostgreSQL", "127.0.0.1", 5432);
        Databases.execute("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "",
                "DROP SCHEMA IF EXISTS dogs CASCADE");
        // tag::postgres[]
        Map<String, String> env = Map.of(
                "PERSISTENCE_MODULE", "postgres",
                "POSTGRES_DBNAME", "postgres",
                "POSTGRES_HOST", "127.0.0.1",
                "POSTGRES_PORT", "5432",
                "POSTGRES_USER", "postgres",
                "POSTGRES_PASSWORD", "",
                "POSTGRES_SCHEMA", "dogs");            // tables dogs.trainingschool_events, ...
        try (var school = new TrainingSchool(env)) {
            school.register("Fido");
            school.addTrick("Fido", "roll over");
            assertThat(school.tricks("Fido")).containsExactly("roll over");
        }
        // end::postgres[]
    }

    @Test
    void the_school_runs_on_mariadb_through_jdbc() {
        Databases.requireReachable("MariaDB", "127.0.0.1", 3306);
        Databases.execute("jdbc:mariadb://127.0.0.1:3306/", "root", "", "DROP DATABASE IF EXISTS dogs",
                "CREATE DATABASE dogs");
        // tag::jdbc[]
        Map<String, String> env = Map.of(
                "PERSISTENCE_MODULE", "jdbc",
                "JDBC_URL", "jdbc:mariadb://127.0.0.1:3306/dogs",
                "JDBC_USER", "root",
                "JDBC_POOL_SIZE", "4");
        try (var school = new TrainingSchool(env)) {
            school.register("Fido");
            assertThat(school.tricks("Fido")).isEmpty();
        }
        // end::jdbc[]
    }

    @Test
    void a_user_row_and_the_applications_events_commit_together_or_not_at_all() {
        Map<String, String> env = Map.of("PERSISTENCE_MODULE", "sqlite",
                "SQLITE_DBNAME", directory.resolve("school.db").toString());
        try (var school = new TrainingSchool(env)) {
            school.transaction(Connection.class, connection -> {
                try (Statement create = connection.createStatement()) {
                    create.execute("CREATE TABLE IF NOT EXISTS owners (dog TEXT PRIMARY KEY, owner TEXT NOT NULL)");
                }
                return null;
            });
            // tag::transaction[]
            school.transaction(Connection.class, connection -> {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO owners (dog, owner) VALUES (?, ?)")) {
                    insert.setString(1, "Fido");
                    insert.setString(2, "Alice");
                    insert.executeUpdate();
                }
                school.register("Fido");                  // joins the transaction
                school.addTrick("Fido", "roll over");     // sees Fido, not yet committed
                return null;
            });                                           // the row and both events commit here

            assertThatThrownBy(() -> school.transaction(Connection.class, connection -> {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO owners (dog, owner) VALUES (?, ?)")) {
                    insert.setString(1, "Rex");
                    insert.setString(2, "Bob");
                    insert.executeUpdate();
                }
                school.register("Rex");
                throw new IllegalStateException("Bob changed his mind");
            })).hasMessage("Bob changed his mind");          // the row and Rex's event roll back

            assertThat(school.tricks("Fido")).containsExactly("roll over");
            assertThat(school.repository().contains(Dog.createId("Rex"))).isFalse();
            // end::transaction[]
            int owners = school.transaction(Connection.class, connection -> {
                try (Statement count = connection.createStatement();
                        ResultSet rows = count.executeQuery("SELECT COUNT(*) FROM owners")) {
                    rows.next();
                    return rows.getInt(1);
                }
            });
            assertThat(owners).isEqualTo(1);
        }
    }
}
