package io.eventsourcing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class IdsTest {

    @ParameterizedTest(name = "uuid5(NAMESPACE_URL, \"{0}\") = {1}")
    @CsvSource({
        "/dogs/Fido, 1e1d7398-8986-57af-bb01-11a89b2f8b02",
        "/dogs/Milly, 0d1487c8-a325-569d-a58d-deb57a55337c",
        "https://example.com, 4fd35a71-71ef-5a55-a9d9-aa75c889a6d0",
        "/pages/hello, c64df45a-d9fb-5f4b-9aed-bffec2a3659a"
    })
    void name_based_ids_equal_pythons_uuid5_in_the_url_namespace(String name, String expected) {
        UUID id = Ids.nameBased(name);

        assertThat(id).isEqualTo(UUID.fromString(expected));
        assertThat(id.version()).isEqualTo(5);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void random_ids_are_version_4_and_differ() {
        assertThat(Ids.random().version()).isEqualTo(4);
        assertThat(Ids.random()).isNotEqualTo(Ids.random());
    }
}
