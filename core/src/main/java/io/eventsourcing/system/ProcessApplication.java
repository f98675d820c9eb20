package io.eventsourcing.system;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.application.Application;
import io.eventsourcing.application.ApplicationObserver;
import io.eventsourcing.application.ApplicationOperation;
import io.eventsourcing.application.NotificationLog;
import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.domain.Topics;
import io.eventsourcing.internal.Operations;
import io.eventsourcing.persistence.ApplicationRecorder;
import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.persistence.IntegrityException;
import io.eventsourcing.persistence.Mapper;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.persistence.ProcessRecorder;
import io.eventsourcing.persistence.Tracking;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/*
 * Design: exactly-once processing rests on the process recorder. For each upstream event the policy
 * changes this application's aggregates, and their new events are recorded together with the
 * upstream position (Tracking) in one transaction; the tracking mark only rises, so an event is
 * recorded as processed at most once, and since the next pull starts after the recorded mark, an
 * event whose processing failed or was interrupted by a crash is processed again. Processing is
 * serialised per application (one lock), so positions are recorded in order even when several
 * threads deliver events from several upstream applications.
 */

/**
 * An application that follows other applications' notification logs and reacts to their events with
 * its {@link #policy}: a processor in an event-driven system. Its recorder is a {@link ProcessRecorder}.
 *
 * <pre>{@code
 * public class Emails extends ProcessApplication {
 *     public Emails(Map<String, String> env) { super(env); }
 *     @Override protected Set<Class<?>> followedTypes() { return Set.of(BankAccount.Opened.class); }
 *     @Override protected void policy(DomainEvent event, ProcessingEvent processing) {
 *         if (event.payload() instanceof BankAccount.Opened opened) {
 *             processing.collect(EmailNotification.create(opened.emailAddress(), "Welcome"));
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Thread-safe: events are processed one at a time.
 */
public abstract class ProcessApplication extends Application {
    private final Map<String, Upstream> upstreams = new ConcurrentHashMap<>();
    private final ReentrantLock processing = new ReentrantLock();

    /** An application configured by {@code env} over the process environment. */
    protected ProcessApplication(Map<String, String> env) {
        super(env);
    }

    /**
     * Reacts to one upstream event: get and change this application's aggregates, and
     * {@link ProcessingEvent#collect collect} them; their new events are recorded atomically with the
     * upstream position. Throwing records nothing (the event is processed again later).
     */
    protected abstract void policy(DomainEvent event, ProcessingEvent processing);

    /**
     * The upstream event payload types the policy handles; only those are pulled. Empty (the
     * default) means all.
     */
    protected Set<Class<?>> followedTypes() {
        return Set.of();
    }

    /** The topics of {@link #followedTypes()}, or empty for all. */
    public final Set<String> followedTopics() {
        return followedTypes().stream().map(Topics::of).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    protected ApplicationRecorder constructRecorder(InfrastructureFactory factory) {
        return factory.processRecorder();
    }

    /** The process recorder: events and tracking positions. */
    @Override
    public ProcessRecorder recorder() {
        return (ProcessRecorder) super.recorder();
    }

    /** Follows an application in this process: its notification log, read with its own mapper. */
    public void follow(Application leader) {
        requireNonNull(leader, "leader");
        follow(leader.name(), leader.notificationLog(), leader.mapper());
    }

    /**
     * Follows a notification log, e.g. a {@link RemoteNotificationLog}.
     *
     * @param leaderName the upstream application's name, under which positions are tracked
     * @param log its notification log
     * @param mapper reads its events (with its cipher key, if it encrypts)
     */
    public void follow(String leaderName, NotificationLog log, Mapper mapper) {
        requireNonNull(leaderName, "leaderName");
        upstreams.put(leaderName, new Upstream(requireNonNull(log, "log"), requireNonNull(mapper, "mapper")));
    }

    /** The names of the applications followed. */
    public Set<String> leaders() {
        return Set.copyOf(upstreams.keySet());
    }

    /**
     * Reads the upstream application's log after the recorded position and processes each event the
     * policy handles, until the end of the log.
     *
     * @return how many events were processed
     * @throws IllegalArgumentException if that application is not followed
     * @throws EventProcessingException if an event fails; those before it stay processed
     */
    public int pullAndProcess(String leaderName) {
        Upstream upstream = upstream(leaderName);
        Set<String> topics = followedTopics();
        int processed = 0;
        while (true) {
            long start = recorder().maxTrackingId(leaderName) + 1;
            List<Notification> batch = upstream.log.select(start, upstream.log.sectionSize(), null, topics);
            if (batch.isEmpty()) {
                return processed;
            }
            for (Notification notification : batch) {
                if (process(leaderName, upstream.mapper, notification)) {
                    processed++;
                }
            }
        }
    }

    /**
     * Processes one upstream notification, unless its position is already recorded.
     *
     * @return true if it was processed now, false if it had been already
     * @throws IllegalArgumentException if that application is not followed
     * @throws EventProcessingException if it fails
     */
    public boolean processNotification(String leaderName, Notification notification) {
        return process(leaderName, upstream(leaderName).mapper, notification);
    }

    private boolean process(String leaderName, Mapper mapper, Notification notification) {
        Tracking tracking = new Tracking(leaderName, notification.id());
        processing.lock();
        try {
            if (recorder().hasTrackingId(leaderName, notification.id())) {
                return false;
            }
            DomainEvent event;
            try {
                event = mapper.toDomainEvent(notification.toStoredEvent());
            } catch (RuntimeException e) {
                throw new EventProcessingException(name(), tracking, notification.topic() + " of "
                        + notification.originatorId() + ":" + notification.originatorVersion(), e);
            }
            return processEvent(event, tracking);
        } finally {
            processing.unlock();
        }
    }

    /**
     * Runs the policy for one event and records its result with the tracking position, atomically.
     *
     * @return true if processed, false if the position was recorded meanwhile by another process
     * @throws EventProcessingException if the policy or the recording fails
     */
    public boolean processEvent(DomainEvent event, Tracking tracking) {
        requireNonNull(event, "event");
        requireNonNull(tracking, "tracking");
        ApplicationObserver.Ending ending = started(new ApplicationOperation.Process(tracking.applicationName(),
                tracking.notificationId(), event.payload().getClass()));
        return Operations.run(ending, () -> processLocked(event, tracking));
    }

    private boolean processLocked(DomainEvent event, Tracking tracking) {
        processing.lock();
        try {
            ProcessingEvent processingEvent = new ProcessingEvent(tracking);
            try {
                policy(event, processingEvent);
                record(processingEvent.aggregates(), tracking);
                return true;
            } catch (IntegrityException e) {
                if (recorder().hasTrackingId(tracking.applicationName(), tracking.notificationId())) {
                    return false; // another instance of this follower recorded it first
                }
                throw new EventProcessingException(name(), tracking, describe(event), e);
            } catch (EventProcessingException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new EventProcessingException(name(), tracking, describe(event), e);
            }
        } finally {
            processing.unlock();
        }
    }

    private static String describe(DomainEvent event) {
        return event.payload().getClass().getSimpleName() + " of " + event.originatorId() + ":"
                + event.originatorVersion();
    }

    private Upstream upstream(String leaderName) {
        Upstream upstream = upstreams.get(leaderName);
        if (upstream == null) {
            throw new IllegalArgumentException(name() + " does not follow " + leaderName + "; it follows "
                    + upstreams.keySet());
        }
        return upstream;
    }

    private record Upstream(NotificationLog log, Mapper mapper) {}
}
