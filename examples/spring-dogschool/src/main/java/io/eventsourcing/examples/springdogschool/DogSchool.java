package io.eventsourcing.examples.springdogschool;

import io.eventsourcing.application.Application;
import java.util.Map;
import java.util.UUID;

/**
 * The dog school application: registers dogs and teaches them tricks. Its tables are
 * {@code dogschool_events} (and {@code dogschool_schema_history}, the Flyway history of the library's
 * migration). Inside a Spring transaction its saves commit and roll back with that transaction.
 * Thread-safe.
 */
public class DogSchool extends Application {
    /** The application, configured by {@code env} (in Spring, from the {@code eventsourcing.*} properties). */
    public DogSchool(Map<String, String> env) {
        super(env);
    }

    /**
     * Registers a dog.
     *
     * @return the dog's id
     * @throws io.eventsourcing.application.RecordConflictException if a dog of that name is registered
     */
    public UUID register(String name) {
        Dog dog = Dog.register(name);
        save(dog);
        return dog.id();
    }

    /**
     * Teaches a registered dog a trick.
     *
     * @throws io.eventsourcing.application.AggregateNotFoundException if there is no such dog
     */
    public void addTrick(UUID id, String trick) {
        Dog dog = repository().get(id);
        dog.addTrick(trick);
        save(dog);
    }

    /**
     * The dog with the id.
     *
     * @throws io.eventsourcing.application.AggregateNotFoundException if there is no such dog
     */
    public Dog dog(UUID id) {
        return repository().get(Dog.class, id);
    }
}
