package io.eventsourcing.examples.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.examples.dogschool.Dog;
import io.eventsourcing.examples.dogschool.TrainingSchool;
import jakarta.persistence.EntityManager;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The README's "Using JPA/Hibernate" and "Transactions across ORM rows and events", on H2. */
class JpaExampleTest {
    private final String url = "jdbc:h2:mem:jpa-example-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    @Test
    void an_entity_and_the_events_commit_together_or_not_at_all() {
        // tag::jpa-setup[]
        Map<String, String> env = Map.of(
                "PERSISTENCE_MODULE", "jpa",
                "JDBC_URL", url,                                   // any database with a dialect here
                "JPA_ENTITY_CLASSES", DogOwner.class.getName());   // your entities
        // end::jpa-setup[]
        try (var school = new TrainingSchool(env)) {
            school.transaction(EntityManager.class, entityManager -> entityManager.createNativeQuery(
                    "CREATE TABLE dog_owners (dog VARCHAR(100) PRIMARY KEY, owner VARCHAR(100) NOT NULL)")
                    .executeUpdate());
            // tag::jpa-transaction[]
            school.transaction(EntityManager.class, entityManager -> {
                entityManager.persist(new DogOwner("Fido", "Alice"));
                school.register("Fido");                     // joins the EntityManager's transaction
                school.addTrick("Fido", "roll over");
                return null;
            });                                              // the entity and both events commit here

            assertThatThrownBy(() -> school.transaction(EntityManager.class, entityManager -> {
                entityManager.persist(new DogOwner("Rex", "Bob"));
                school.register("Rex");
                throw new IllegalStateException("Bob changed his mind");
            })).hasMessage("Bob changed his mind");            // neither Rex's owner nor his event is stored

            String owner = school.transaction(EntityManager.class,
                    entityManager -> entityManager.find(DogOwner.class, "Fido").owner());
            assertThat(owner).isEqualTo("Alice");
            assertThat(school.tricks("Fido")).containsExactly("roll over");
            assertThat(school.repository().contains(Dog.createId("Rex"))).isFalse();
            // end::jpa-transaction[]
            DogOwner rex = school.transaction(EntityManager.class,
                    entityManager -> entityManager.find(DogOwner.class, "Rex"));
            assertThat(rex).isNull();
        }
    }
}
