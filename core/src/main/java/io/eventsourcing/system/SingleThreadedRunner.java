package io.eventsourcing.system;

import io.eventsourcing.application.Application;
import io.eventsourcing.persistence.ApplicationRecorder;
import io.eventsourcing.persistence.Recording;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;

/**
 * Runs a system deterministically in the calling thread: after each save by a leader, its followers
 * process the new events before {@code save} returns, and a follower's own new events are processed
 * by its followers in turn (breadth first, without recursion). A policy's exception reaches the
 * caller of {@code save} as an {@link EventProcessingException} naming the event. A leader whose
 * notification log is read from replicas (PostgreSQL's {@code POSTGRES_REPLICA_HOSTS}) is first waited
 * for until its reads include what it saved ({@link ApplicationRecorder#waitForNotification}, at most
 * 30 s; where reads go where writes go, that is at once). For tests and simple deployments.
 *
 * <p>Meant for one thread at a time.
 */
public final class SingleThreadedRunner extends Runner {
    /** The longest wait for a leader's reads to include what it saved. */
    static final long READABLE_WAIT_SECONDS = 30;
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
            Application application = get(leader);
            application.addRecordingListener(recordings -> {
                readable(application, recordings);
                prompt(leader);
            });
        }
        for (EventSourcingSystem.Edge edge : system().edges()) {
            prompted.add(edge);
        }
        drain();
    }

    /** Waits until the leader's reads include what it recorded. */
    private static void readable(Application leader, List<Recording> recordings) {
        long last = 0;
        for (Recording recording : recordings) {
            last = Math.max(last, recording.notificationId());
        }
        if (last > 0) {
            leader.recorder().waitForNotification(last, Duration.ofSeconds(READABLE_WAIT_SECONDS));
        }
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
