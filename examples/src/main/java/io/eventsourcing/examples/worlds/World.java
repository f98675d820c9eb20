package io.eventsourcing.examples.worlds;

import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.Ids;
import java.util.ArrayList;
import java.util.List;

/** A world with a random id and a history of the things made so in it, oldest first. */
public class World extends Aggregate<World.Event> {
    /** What can happen to a world. */
    public sealed interface Event permits Created, SomethingHappened {}

    /** The world was created with a name. */
    public record Created(String name) implements Event {}

    /** Something was made so. */
    public record SomethingHappened(String what) implements Event {}

    private String name = "";
    private final List<String> history = new ArrayList<>();

    /** Creates a world with a new random id. */
    public static World createWorld(String name) {
        return create(World::new, Ids.random(), new Created(name));
    }

    /** Makes something so: it is added to the world's history. */
    public void makeItSo(String what) {
        trigger(new SomethingHappened(what));
    }

    /** The world's name. */
    public String name() {
        return name;
    }

    /** What has happened, oldest first. */
    public List<String> history() {
        return List.copyOf(history);
    }

    @Override
    protected void apply(Event event) {
        switch (event) {
            case Created e -> name = e.name();
            case SomethingHappened e -> history.add(e.what());
        }
    }
}
