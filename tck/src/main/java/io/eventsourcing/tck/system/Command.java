package io.eventsourcing.tck.system;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.Ids;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A command submitted to {@link Commands}, completed when {@link Results} has run it.
 *
 * <p>Not thread-safe, as every aggregate.
 */
public final class Command extends Aggregate<Command.Event> {

    /** What can happen to a command. */
    public sealed interface Event permits Submitted, Completed {}

    /**
     * The command was submitted.
     *
     * @param text what to run
     */
    public record Submitted(String text) implements Event {}

    /**
     * The command's result came back.
     *
     * @param output what running it produced
     */
    public record Completed(String output) implements Event {}

    private String text = "";
    private @Nullable String output;

    private Command() {}

    /** A new command with a random id, not yet saved. */
    public static Command submit(String text) {
        requireNonNull(text, "text");
        return create(Command::new, Ids.random(), new Submitted(text));
    }

    /**
     * Records the command's output.
     *
     * @throws IllegalStateException if it is completed already
     */
    public void complete(String output) {
        requireNonNull(output, "output");
        if (this.output != null) {
            throw new IllegalStateException("command " + id() + " is completed already with '" + this.output + "'");
        }
        trigger(new Completed(output));
    }

    /** What to run. */
    public String text() {
        return text;
    }

    /** The output, once completed. */
    public Optional<String> output() {
        return Optional.ofNullable(output);
    }

    @Override
    protected void apply(Event event) {
        switch (event) {
            case Submitted e -> text = e.text();
            case Completed e -> output = e.output();
        }
    }
}
