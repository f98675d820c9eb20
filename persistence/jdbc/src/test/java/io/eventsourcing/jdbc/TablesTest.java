package io.eventsourcing.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.persistence.ConfigurationException;
import io.eventsourcing.persistence.ProgrammingException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TablesTest {

    @Test
    void tables_are_named_from_the_lower_cased_application_name() {
        Tables tables = Tables.of("DogSchool", null, 63);

        assertThat(tables.events()).isEqualTo("dogschool_events");
        assertThat(tables.snapshots()).isEqualTo("dogschool_snapshots");
        assertThat(tables.tracking()).isEqualTo("dogschool_tracking");
        assertThat(tables.forPurpose("snapshots")).isEqualTo("dogschool_snapshots");
    }

    @Test
    void a_schema_qualifies_every_table() {
        Tables tables = Tables.of("DogSchool", "Myschema", 63);

        assertThat(tables.events()).isEqualTo("myschema.dogschool_events");
        assertThat(tables.tracking()).isEqualTo("myschema.dogschool_tracking");
    }

    @Test
    void names_that_are_not_plain_identifiers_are_rejected() {
        assertThatThrownBy(() -> Tables.of("dogs; drop table x", null, 63)).isInstanceOf(ProgrammingException.class)
                .hasMessageContaining("cannot name a table");
        assertThatThrownBy(() -> Tables.of("Dogs", "public\"", 63)).isInstanceOf(ProgrammingException.class);
        assertThatThrownBy(() -> Tables.of("Dogs", null, 63).forPurpose("x-y")).isInstanceOf(ProgrammingException.class);
    }

    @Test
    void names_longer_than_the_database_allows_are_rejected() {
        String name = "a".repeat(54);

        assertThat(Tables.of("a".repeat(50), null, 63).eventsName()).hasSize(57);
        assertThatThrownBy(() -> Tables.of(name, null, 63)).isInstanceOf(ProgrammingException.class)
                .hasMessageContaining("table name too long");
    }

    @Test
    void a_blank_application_name_is_refused_rather_than_named_stored() {
        assertThatThrownBy(() -> Tables.of("", null, new H2Dialect())).isInstanceOf(ProgrammingException.class)
                .hasMessageStartingWith("the application name is blank");
        assertThatThrownBy(() -> Tables.of("  ", null, 63)).isInstanceOf(ProgrammingException.class);
    }

    @Test
    void a_schema_that_is_a_reserved_word_of_the_database_is_refused() {
        assertThatThrownBy(() -> Tables.of("Dogs", "select", new MariaDbDialect()))
                .isInstanceOf(ProgrammingException.class)
                .hasMessage("schema 'select' is a reserved word of the database and cannot name a schema unquoted; "
                        + "choose another name");
        assertThatThrownBy(() -> Tables.of("Dogs", "minus", new H2Dialect())).isInstanceOf(ProgrammingException.class);
        assertThat(Tables.of("Dogs", "user", new MariaDbDialect()).events()).isEqualTo("user.dogs_events");
    }

    @Test
    void a_schema_longer_than_the_database_allows_is_refused_not_cut_short() {
        assertThatThrownBy(() -> Tables.of("Dogs", "s".repeat(65), new MariaDbDialect()))
                .isInstanceOf(ProgrammingException.class)
                .hasMessageContaining("is too long: it has 65 bytes and the database allows 64");
    }

    @Test
    void a_schema_setting_is_checked_naming_the_variable() {
        assertThat(Tables.checkSchema("JDBC_SCHEMA", " Shop ", new MariaDbDialect())).isEqualTo("shop");
        assertThat(Tables.checkSchema("JDBC_SCHEMA", " ", new MariaDbDialect())).isNull();
        assertThatThrownBy(() -> Tables.checkSchema("SHOP_JDBC_SCHEMA", "select", new MariaDbDialect()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("SHOP_JDBC_SCHEMA 'select' is a reserved word");
        assertThatThrownBy(() -> Tables.checkSchema("JDBC_SCHEMA", "a-b", new H2Dialect()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("JDBC_SCHEMA 'a-b' cannot name a schema");
    }

    /** Every word on the H2 list is one H2 refuses, and a word off it is one H2 takes (the list is exact). */
    @Test
    void the_h2_list_is_what_h2_refuses() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:reserved");
                Statement statement = connection.createStatement()) {
            for (String word : ReservedWords.H2) {
                assertThatThrownBy(() -> statement.execute("CREATE SCHEMA " + word)).as(word)
                        .isInstanceOf(SQLException.class);
            }
            for (String word : new String[] {"shop", "events", "date", "timestamp", "offsets"}) {
                statement.execute("CREATE SCHEMA " + word);
                assertThat(new H2Dialect().isReserved(word)).as(word).isFalse();
            }
        }
    }
}
