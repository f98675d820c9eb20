package io.eventsourcing.examples.springdogschool;

import io.eventsourcing.application.AggregateNotFoundException;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/*
 * Each write runs in one Spring transaction (JpaTransactionManager, which Spring Boot gives the
 * DataSource): the DogSchool's save joins it on the same connection as Hibernate, so the dog's events
 * and the owner row commit together or not at all. The admission check runs after both are written
 * on purpose, as a check by another service would, to show that a late failure undoes both.
 */

/** The dog school's use cases over the event-sourced {@link DogSchool} and the JPA owners. */
@Service
class Registrations {
    /** Names the admission check refuses, after the dog has been saved. */
    static final Set<String> REFUSED_NAMES = Set.of("cerberus");

    private final DogSchool school;
    private final OwnerRepository owners;

    Registrations(DogSchool school, OwnerRepository owners) {
        this.school = school;
        this.owners = owners;
    }

    /**
     * Registers a dog and its owner.
     *
     * @throws io.eventsourcing.application.RecordConflictException if a dog of that name is registered
     * @throws DogRejectedException if the admission check refuses the name; nothing is committed
     */
    // tag::spring-transactional[]
    @Transactional
    DogView register(String name, String owner) {
        UUID id = school.register(name);                             // the dog's events
        owners.saveAndFlush(new OwnerRecord(id.toString(), owner));  // a JPA entity, same transaction
        if (REFUSED_NAMES.contains(name.toLowerCase(Locale.ROOT))) {
            throw new DogRejectedException("the school does not admit a dog named '" + name + "' (dog " + id
                    + " and its owner were saved and are rolled back)");
        }
        return view(id);
    }
    // end::spring-transactional[]

    /**
     * Teaches a dog a trick.
     *
     * @throws AggregateNotFoundException if there is no such dog
     */
    @Transactional
    DogView addTrick(UUID id, String trick) {
        school.addTrick(id, trick);
        return view(id);
    }

    /**
     * The dog with its owner.
     *
     * @throws AggregateNotFoundException if there is no such dog
     */
    DogView dog(UUID id) {
        return view(id);
    }

    private DogView view(UUID id) {
        Dog dog = school.dog(id);
        String owner = owners.findById(id.toString()).map(OwnerRecord::ownerName).orElse(null);
        return new DogView(id, dog.name(), owner, dog.tricks());
    }
}
