package io.eventsourcing.examples.system;

import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.system.ProcessApplication;
import io.eventsourcing.system.ProcessingEvent;
import java.util.Map;
import java.util.Set;

/** A follower of Orders whose policy fails on every order of durians, to show what a failing policy does. */
public class Squeamish extends ProcessApplication {

    /** Constructed by a runner with its settings. */
    public Squeamish(Map<String, String> env) {
        super(env);
    }

    @Override
    protected Set<Class<?>> followedTypes() {
        return Set.of(Order.Placed.class);
    }

    @Override
    protected void policy(DomainEvent event, ProcessingEvent processing) {
        if (event.payload() instanceof Order.Placed placed && placed.item().equals("durians")) {
            throw new IllegalStateException("durians? no, thank you");
        }
    }
}
