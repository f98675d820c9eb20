package io.eventsourcing.postgres.faults;

import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.Ids;
import java.util.UUID;

/**
 * A label printed for a parcel by one labeller: one per (labeller, parcel), so a labeller that processed
 * a parcel twice would try to record a second label at the same id and version.
 */
public final class Label extends Aggregate<Label.Event> {

    /** What happens to a label. */
    public sealed interface Event permits Printed {}

    /**
     * The label was printed.
     *
     * @param parcel the parcel labelled
     */
    public record Printed(UUID parcel) implements Event {}

    private UUID parcel = new UUID(0, 0);

    private Label() {}

    /** The label of a parcel by a labeller, not yet saved. */
    static Label print(String labeller, UUID parcel) {
        return create(Label::new, Ids.nameBased("/labels/" + labeller + "/" + parcel), new Printed(parcel));
    }

    /** The parcel labelled. */
    UUID parcel() {
        return parcel;
    }

    @Override
    protected void apply(Event event) {
        switch (event) {
            case Printed printed -> parcel = printed.parcel();
        }
    }
}
