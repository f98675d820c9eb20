package io.eventsourcing.examples.dogschool;

import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.Ids;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A dog at the training school: registered under its name, then taught tricks. The quick start's
 * aggregate; its id is derived from the name, so the same name always finds the same dog.
 */
// tag::dog[]
public class Dog extends Aggregate<Dog.Event> {
    public sealed interface Event permits Registered, TrickAdded {}
    public record Registered(String name) implements Event {}
    public record TrickAdded(String trick) implements Event {}

    private String name;
    private final List<String> tricks = new ArrayList<>();

    public static UUID createId(String name) { return Ids.nameBased("/dogs/" + name); }   // uuid5, URL namespace

    public static Dog register(String name) { return create(Dog::new, createId(name), new Registered(name)); }

    public void addTrick(String trick) { trigger(new TrickAdded(trick)); }

    public List<String> tricks() { return List.copyOf(tricks); }

    @Override protected void apply(Event event) {
        switch (event) {                      // exhaustive: the compiler checks every event is handled
            case Registered e -> name = e.name();
            case TrickAdded e -> tricks.add(e.trick());
        }
    }
}
// end::dog[]
