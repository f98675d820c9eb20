package io.eventsourcing.postgres.faults;

import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.jdbc.testkit.Parcel;
import io.eventsourcing.persistence.Tracking;
import io.eventsourcing.system.Projection;
import java.util.Set;

/** Projects each parcel posted into {@link ParcelCounts}. */
final class CountParcels extends Projection<ParcelCounts> {

    CountParcels(ParcelCounts view) {
        super(view);
    }

    @Override
    public Set<Class<?>> types() {
        return Set.of(Parcel.Posted.class);
    }

    @Override
    public void process(DomainEvent event, Tracking tracking) {
        view().count(event.originatorId(), tracking);
    }
}
