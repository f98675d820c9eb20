package io.eventsourcing.examples.dcb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.dcb.DcbQuery;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DogSchoolTest {
    private final DogSchool school = new DogSchool(Map.of("PERSISTENCE_MODULE", "memory"));

    @AfterEach
    void close() {
        school.close();
    }

    @Test
    void a_dog_learns_tricks_as_the_aggregate_does() {
        school.register("Fido");
        school.addTrick("Fido", "roll over");
        school.addTrick("Fido", "play dead");
        school.register("Buster");

        assertThat(school.tricks("Fido")).containsExactly("roll over", "play dead");
        assertThat(school.tricks("Buster")).isEmpty();
        assertThat(school.recorder().read(DcbQuery.tags("dog:Fido"))).hasSize(3);
    }

    @Test
    void its_rules_are_the_aggregates() {
        school.register("Fido");
        school.addTrick("Fido", "roll over");

        assertThatThrownBy(() -> school.register("Fido")).hasMessage("Fido is registered already");
        assertThatThrownBy(() -> school.addTrick("Fido", "roll over")).hasMessage("Fido knows roll over already");
        assertThatThrownBy(() -> school.addTrick("Rex", "sit")).hasMessage("Rex is not registered");
        assertThat(school.tricks("Fido")).isEqualTo(List.of("roll over"));
    }
}
