package io.eventsourcing.examples.dogschool;

import io.eventsourcing.application.Application;
import java.util.List;
import java.util.Map;

/**
 * The dog school application: registers dogs and teaches them tricks. Configured by its {@code env}
 * map over the process environment, as every {@link Application} is. Thread-safe.
 */
// tag::training-school[]
public class TrainingSchool extends Application {
    public TrainingSchool(Map<String, String> env) { super(env); }
    public void register(String name) { save(Dog.register(name)); }
    public void addTrick(String name, String trick) {
        Dog dog = repository().get(Dog.createId(name));
        dog.addTrick(trick);
        save(dog);
    }
    public List<String> tricks(String name) { return repository().<Dog>get(Dog.createId(name)).tricks(); }
}
// end::training-school[]
