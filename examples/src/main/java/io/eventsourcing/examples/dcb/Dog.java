package io.eventsourcing.examples.dcb;

import io.eventsourcing.dcb.DecisionModel;
import io.eventsourcing.dcb.Tag;
import io.eventsourcing.dcb.Tags;
import java.util.ArrayList;
import java.util.List;

// tag::dcb-entity[]
/**
 * The quick start's dog as an entity on DCB: its identity is a tag, its state is folded from its own
 * events by {@link #apply}, and its commands check their rules on that state and return the events
 * they decide, which the application appends on the condition of the read. Immutable.
 */
public record Dog(String name, boolean registered, List<String> tricks) {
    public sealed interface Event permits Registered, TrickAdded {}
    public record Registered(@Tag("dog") String name) implements Event {}
    public record TrickAdded(@Tag("dog") String name, String trick) implements Event {}

    /** The dog as its events make it: the model its commands decide on. */
    public static DecisionModel<Dog> model(String name) {
        String dog = Tags.of("dog", name);
        return DecisionModel.initially(new Dog(name, false, List.of()))
                .on(Registered.class, dog, Dog::apply)
                .on(TrickAdded.class, dog, Dog::apply);
    }

    public Registered register() {
        if (registered) {
            throw new IllegalStateException(name + " is registered already");
        }
        return new Registered(name);
    }

    public TrickAdded addTrick(String trick) {
        if (!registered) {
            throw new IllegalStateException(name + " is not registered");
        }
        if (tricks.contains(trick)) {
            throw new IllegalStateException(name + " knows " + trick + " already");
        }
        return new TrickAdded(name, trick);
    }

    Dog apply(Event event) {
        return switch (event) {                     // exhaustive, as an aggregate's apply
            case Registered e -> new Dog(name, true, tricks);
            case TrickAdded e -> {
                List<String> more = new ArrayList<>(tricks);
                more.add(e.trick());
                yield new Dog(name, true, List.copyOf(more));
            }
        };
    }
}
// end::dcb-entity[]
