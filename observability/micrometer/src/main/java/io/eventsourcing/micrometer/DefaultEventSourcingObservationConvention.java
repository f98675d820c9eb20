package io.eventsourcing.micrometer;

import io.eventsourcing.application.ApplicationOperation;
import io.micrometer.common.KeyValues;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The observations' names and key values. Each name always has the same low-cardinality keys (what
 * meter registries such as Prometheus need), with {@code none} where there is nothing to say:
 * <table>
 *   <caption>Observations</caption>
 *   <tr><th>name</th><th>low-cardinality keys (tags)</th><th>high-cardinality keys (span attributes)</th></tr>
 *   <tr><td>{@code eventsourcing.save}</td><td>{@code application}, {@code aggregate.type} (the simple
 *       names, sorted, comma-separated), {@code outcome} ({@code success}, {@code conflict}, {@code failure})</td>
 *       <td>{@code aggregate.ids}, {@code events}</td></tr>
 *   <tr><td>{@code eventsourcing.get}</td><td>{@code application}, {@code outcome} ({@code success},
 *       {@code not_found}, {@code failure})</td><td>{@code aggregate.id}, {@code aggregate.version}</td></tr>
 *   <tr><td>{@code eventsourcing.process}</td><td>{@code application}, {@code leader}, {@code event.type}
 *       (the payload's simple name), {@code outcome} ({@code success}, {@code failure})</td>
 *       <td>{@code notification.id}</td></tr>
 * </table>
 * The names are the context's ({@link ApplicationOperationContext#nameOf}); a convention that returns a
 * name from {@code getName()} renames them. The span of an observation is named after the application
 * and the operation, e.g. {@code DogSchool save}. Meter handlers add the {@code error} key (the
 * exception's simple name, or {@code none}).
 */
public class DefaultEventSourcingObservationConvention implements EventSourcingObservationConvention {
    /** The most aggregate ids a save's {@code aggregate.ids} lists. */
    private static final int MOST_IDS = 10;

    /** Used by {@link EventSourcingObservations} unless given another convention. */
    public DefaultEventSourcingObservationConvention() {}

    @Override
    public String getContextualName(ApplicationOperationContext context) {
        return context.application() + " " + switch (context.operation()) {
            case ApplicationOperation.Save save -> "save";
            case ApplicationOperation.Get get -> "get";
            case ApplicationOperation.Process process -> "process " + process.leader();
        };
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(ApplicationOperationContext context) {
        KeyValues common = KeyValues.of("application", context.application(), "outcome", context.outcome().value());
        return switch (context.operation()) {
            case ApplicationOperation.Save save -> common.and("aggregate.type", types(save.aggregateTypes()));
            case ApplicationOperation.Get get -> common;
            case ApplicationOperation.Process process -> common.and("leader", process.leader(),
                    "event.type", process.eventType().getSimpleName());
        };
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(ApplicationOperationContext context) {
        return switch (context.operation()) {
            case ApplicationOperation.Save save -> KeyValues.of("aggregate.ids", ids(save.aggregateIds()),
                    "events", String.valueOf(save.events()));
            case ApplicationOperation.Get get -> KeyValues.of("aggregate.id", get.aggregateId().toString(),
                    "aggregate.version", get.version() == null ? "current" : String.valueOf(get.version()));
            case ApplicationOperation.Process process -> KeyValues.of("notification.id",
                    String.valueOf(process.position()));
        };
    }

    private static String types(List<Class<?>> types) {
        if (types.isEmpty()) {
            return "none";
        }
        return types.stream().map(Class::getSimpleName).collect(Collectors.toCollection(TreeSet::new)).stream()
                .collect(Collectors.joining(","));
    }

    private static String ids(List<UUID> ids) {
        String listed = ids.stream().limit(MOST_IDS).map(UUID::toString).collect(Collectors.joining(","));
        return ids.size() > MOST_IDS ? listed + ",... (" + ids.size() + ")" : listed;
    }
}
