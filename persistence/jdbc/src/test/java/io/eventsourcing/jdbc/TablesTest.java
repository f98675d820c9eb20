package io.eventsourcing.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.persistence.ProgrammingException;
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
}
