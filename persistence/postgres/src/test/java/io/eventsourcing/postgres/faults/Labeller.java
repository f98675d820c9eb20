package io.eventsourcing.postgres.faults;

import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.jdbc.testkit.Parcel;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.system.ProcessApplication;
import io.eventsourcing.system.ProcessingEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A follower of the post office that prints a {@link Label} for each parcel posted: processed exactly
 * once, there is one label per parcel in its log. Two of them, {@link Sorting} and {@link Billing}, so a
 * test can keep one on the leader's cluster and the other on a cluster of its own.
 */
public abstract class Labeller extends ProcessApplication {
    private static final int PAGE = 1_000;

    /** Configured by {@code env} over the process environment. */
    protected Labeller(Map<String, String> env) {
        super(env);
    }

    @Override
    protected Set<Class<?>> followedTypes() {
        return Set.of(Parcel.Posted.class);
    }

    @Override
    protected void policy(DomainEvent event, ProcessingEvent processing) {
        processing.collect(Label.print(name(), event.originatorId()));
    }

    /** The parcels labelled, in the order of this application's log, read from its primary. */
    public List<UUID> labelled() {
        List<UUID> parcels = new ArrayList<>();
        for (long start = 1; ; start += PAGE) {
            List<Notification> page = recorder().selectNotifications(start, PAGE);
            for (Notification notification : page) {
                parcels.add(((Label.Printed) mapper().toDomainEvent(notification.toStoredEvent()).payload()).parcel());
            }
            if (page.size() < PAGE) {
                return parcels;
            }
        }
    }

    /** The labeller kept beside the post office. */
    public static final class Sorting extends Labeller {
        /** Configured by {@code env} over the process environment. */
        public Sorting(Map<String, String> env) {
            super(env);
        }
    }

    /** The labeller kept on another cluster ({@code BILLING_POSTGRES_*}). */
    public static final class Billing extends Labeller {
        /** Configured by {@code env} over the process environment. */
        public Billing(Map<String, String> env) {
            super(env);
        }
    }
}
