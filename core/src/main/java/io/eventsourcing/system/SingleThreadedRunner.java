package io.eventsourcing.system;

import io.eventsourcing.application.Application;
import java.util.ArrayDeque;
import java.util.Map;

/**
 * Runs a system deterministically in the calling thread: after each save by a leader, its followers
 * process the new events before {@code save} returns, and a follower's own new events are processed
 * by its followers in turn (breadth first, without recursion). A policy's exception reaches the
 * caller of {@code save} as an {@link EventProcessingException} naming the event. For tests and
 * simple deployments.
 *
 * <p>Meant for one thread at a time.
 */
public final class SingleThreadedRunner extends Runner {
    private final ArrayDeque<EventSourcingSystem.Edge> prompted = new ArrayDeque<>();
    private boolean processing;

    /**
     * @param system the system to run
     * @param env the settings given to every application
     */
    public SingleThreadedRunner(EventSourcingSystem system, Map<String, String> env) {
        super(system, env);
    }

    @Override
    void begin() {
        for (Class<? extends Application> leader : system().leaders()) {
            get(leader).addRecordingListener(recordings -> prompt(leader));
        }
        for (EventSourcingSystem.Edge edge : system().edges()) {
            prompted.add(edge);
        }
        drain();
    }

    private void prompt(Class<? extends Application> leader) {
        for (EventSourcingSystem.Edge edge : system().edges()) {
            if (edge.leader() == leader && !prompted.contains(edge)) {
                prompted.add(edge);
            }
        }
        if (!processing) {
            drain();
        }
    }

    private void drain() {
        processing = true;
        try {
            EventSourcingSystem.Edge edge;
            while ((edge = prompted.poll()) != null) {
                get(edge.follower()).pullAndProcess(get(edge.leader()).name());
            }
        } finally {
            processing = false;
            prompted.clear();
        }
    }

    @Override
    void end() {
        prompted.clear();
    }
}
