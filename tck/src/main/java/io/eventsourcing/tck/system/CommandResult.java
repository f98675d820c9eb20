package io.eventsourcing.tck.system;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.Ids;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The result of running a {@link Command}, recorded by {@link Results}.
 *
 * <p>Not thread-safe, as every aggregate.
 */
public final class CommandResult extends Aggregate<CommandResult.Event> {

    /** What can happen to a result. */
    public sealed interface Event permits Produced {}

    /**
     * A command was run.
     *
     * @param commandId the command's id in {@link Commands}
     * @param output what running it produced
     */
    public record Produced(UUID commandId, String output) implements Event {}

    private @Nullable UUID commandId;
    private String output = "";

    private CommandResult() {}

    /** A new result with a random id, not yet saved. */
    public static CommandResult produce(UUID commandId, String output) {
        requireNonNull(commandId, "commandId");
        requireNonNull(output, "output");
        return create(CommandResult::new, Ids.random(), new Produced(commandId, output));
    }

    /** The command's id in {@link Commands}. */
    public UUID commandId() {
        return requireNonNull(commandId, "commandId");
    }

    /** What running the command produced. */
    public String output() {
        return output;
    }

    @Override
    protected void apply(Event event) {
        switch (event) {
            case Produced e -> {
                commandId = e.commandId();
                output = e.output();
            }
        }
    }
}
