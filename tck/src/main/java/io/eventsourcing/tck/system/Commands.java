package io.eventsourcing.tck.system;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.system.ProcessApplication;
import io.eventsourcing.system.ProcessingEvent;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One half of a processing loop: takes {@link Command}s, which {@link Results} follows and runs, and
 * follows {@link Results} in turn to complete each command with its output. Ported in spirit from
 * pyeventsourcing's {@code Commands}, without running a subprocess.
 *
 * <p>Thread-safe, as every process application.
 */
public class Commands extends ProcessApplication {

    /** Configured by {@code env} over the process environment; runners construct it with this. */
    public Commands(Map<String, String> env) {
        super(env);
    }

    /** Submits a command and returns its id. */
    public UUID submit(String text) {
        Command command = Command.submit(text);
        save(command);
        return command.id();
    }

    /** A command's output, once its result has come back. */
    public Optional<String> output(UUID commandId) {
        requireNonNull(commandId, "commandId");
        return repository().get(Command.class, commandId).output();
    }

    @Override
    protected Set<Class<?>> followedTypes() {
        return Set.of(CommandResult.Produced.class);
    }

    @Override
    protected void policy(DomainEvent event, ProcessingEvent processing) {
        if (event.payload() instanceof CommandResult.Produced produced) {
            Command command = repository().get(Command.class, produced.commandId());
            command.complete(produced.output());
            processing.collect(command);
        }
    }
}
