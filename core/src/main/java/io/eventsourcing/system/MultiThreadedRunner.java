package io.eventsourcing.system;

import io.eventsourcing.application.Application;
import io.eventsourcing.persistence.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * Runs a system with one virtual thread per (leader, follower) pair. Each thread subscribes to the
 * leader's recorder after the follower's recorded position, so it first catches up with what is
 * outstanding and then receives new events as they are committed: woken at once by the leader's own
 * inserts in this process, and by other processes' through the backend (PostgreSQL's LISTEN/NOTIFY,
 * or polling). That is also how a follower in another JVM follows a leader on the same database: run
 * the same system there, and only the follower's side does work. A follower processes one event at a
 * time even when it follows several leaders. An operational failure of the database (an
 * {@link io.eventsourcing.persistence.OperationalException}: a connection lost in a restart or a
 * failover, no primary yet, a timeout) is retried after a pause, up to 2 s, for as long as the runner
 * runs, and the event is then processed once; any other error stops its thread, and {@link #waitFor}
 * and {@link #stop()} rethrow it.
 *
 * <p>Thread-safe.
 */
public final class MultiThreadedRunner extends Runner {
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final List<Retries> retries = new CopyOnWriteArrayList<>();
    private volatile boolean stopping;

    /**
     * @param system the system to run
     * @param env the settings given to every application
     */
    public MultiThreadedRunner(EventSourcingSystem system, Map<String, String> env) {
        super(system, env);
    }

    @Override
    void begin() {
        for (EventSourcingSystem.Edge edge : system().edges()) {
            ProcessApplication follower = get(edge.follower());
            Application leader = get(edge.leader());
            String leaderName = leader.name();
            Subscription subscription = leader.recorder().subscribe(follower.recorder().maxTrackingId(leaderName),
                    follower.followedTopics());
            subscriptions.add(subscription);
            String name = follower.name() + "<-" + leaderName;
            Retries retrying = new Retries(name);
            retries.add(retrying);
            Thread thread = Thread.ofVirtual().name(name).unstarted(() -> {
                try {
                    retrying.follow(subscription, () -> stopping,
                            notification -> follower.processNotification(leaderName, notification));
                } catch (RuntimeException | Error e) {
                    if (!stopping) {
                        fail(e);
                    }
                } finally {
                    subscription.close();
                }
            });
            threads.add(thread);
        }
        threads.forEach(Thread::start);
    }

    @Override
    @Nullable Throwable retrying() {
        for (Retries each : retries) {
            Throwable failure = each.retrying();
            if (failure != null) {
                return failure;
            }
        }
        return null;
    }

    @Override
    void end() {
        stopping = true;
        subscriptions.forEach(Subscription::close);
        for (Thread thread : threads) {
            try {
                if (!thread.join(Duration.ofSeconds(10))) {
                    thread.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
