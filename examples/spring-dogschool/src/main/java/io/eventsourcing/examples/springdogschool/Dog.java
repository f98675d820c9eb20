package io.eventsourcing.examples.springdogschool;

import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.Ids;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A dog at the training school: registered under its name, then taught tricks. Its id is derived
 * from the name, so a name can be registered only once. Not thread-safe, as no aggregate is: each
 * request gets its own copy from the repository.
 */
public class Dog extends Aggregate<Dog.Event> {
    /** What happens to a dog. */
    public sealed interface Event permits Registered, TrickAdded {}

    /** The dog was registered under its name. */
    public record Registered(String name) implements Event {}

    /** The dog learned a trick. */
    public record TrickAdded(String trick) implements Event {}

    private String name = "";
    private final List<String> tricks = new ArrayList<>();

    /** The id of the dog registered under the name. */
    public static UUID createId(String name) {
        return Ids.nameBased("/dogs/" + name);
    }

    /** A new dog, with its {@link Registered} event pending. */
    public static Dog register(String name) {
        return create(Dog::new, createId(name), new Registered(name));
    }

    /** Teaches the dog a trick. */
    public void addTrick(String trick) {
        trigger(new TrickAdded(trick));
    }

    /** The name the dog was registered under. */
    public String name() {
        return name;
    }

    /** The tricks the dog has learned, in order. */
    public List<String> tricks() {
        return List.copyOf(tricks);
    }

    @Override
    protected void apply(Event event) {
        switch (event) {
            case Registered e -> name = e.name();
            case TrickAdded e -> tricks.add(e.trick());
        }
    }
}
