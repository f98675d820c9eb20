package io.eventsourcing.jdbc.testkit;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.Ids;

/**
 * A parcel, posted to an address and later delivered: the aggregate of {@link PostOffice}, the small
 * application the transaction tests of every SQL backend save.
 *
 * <p>Not thread-safe, as every aggregate.
 */
public final class Parcel extends Aggregate<Parcel.Event> {

    /** What can happen to a parcel. */
    public sealed interface Event permits Posted, Delivered {}

    /**
     * The parcel was posted.
     *
     * @param address where it goes
     */
    public record Posted(String address) implements Event {}

    /** The parcel arrived. */
    public record Delivered() implements Event {}

    private String address = "";
    private boolean delivered;

    private Parcel() {}

    /** A new parcel with a random id, not yet saved. */
    public static Parcel post(String address) {
        requireNonNull(address, "address");
        return create(Parcel::new, Ids.random(), new Posted(address));
    }

    /** Records that the parcel arrived. */
    public void deliver() {
        trigger(new Delivered());
    }

    /** Where the parcel goes. */
    public String address() {
        return address;
    }

    /** Whether it arrived. */
    public boolean delivered() {
        return delivered;
    }

    @Override
    protected void apply(Event event) {
        switch (event) {
            case Posted posted -> address = posted.address();
            case Delivered ignored -> delivered = true;
        }
    }
}
