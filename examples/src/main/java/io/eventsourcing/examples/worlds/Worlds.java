package io.eventsourcing.examples.worlds;

import io.eventsourcing.application.Application;
import io.eventsourcing.domain.Aggregate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An application of worlds that keeps snapshots: on request ({@link #takeSnapshot(UUID)}) and
 * automatically every {@link #SNAPSHOT_INTERVAL} versions of a world. Loading a world then starts
 * from its latest snapshot and applies only the events recorded after it. Thread-safe.
 */
// tag::worlds[]
public class Worlds extends Application {
    public static final int SNAPSHOT_INTERVAL = 5;

    public Worlds(Map<String, String> env) { super(env); }

    @Override protected boolean isSnapshottingEnabled() { return true; }

    @Override protected Map<Class<? extends Aggregate<?>>, Integer> snapshottingIntervals() {
        return Map.of(World.class, SNAPSHOT_INTERVAL);
    }

    public UUID createWorld(String name) {
        World world = World.createWorld(name);
        save(world);
        return world.id();
    }

    public void makeItSo(UUID worldId, String what) {
        World world = repository().get(worldId);
        world.makeItSo(what);
        save(world);
    }

    public List<String> history(UUID worldId) { return repository().<World>get(worldId).history(); }
}
// end::worlds[]
