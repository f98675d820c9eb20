package io.eventsourcing.tck.system;

import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.system.ProcessApplication;
import io.eventsourcing.system.ProcessingEvent;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The other half of the processing loop: follows {@link Commands} and "runs" each submitted command,
 * recording a {@link CommandResult} whose output is the command's text in upper case.
 *
 * <p>Thread-safe, as every process application.
 */
public class Results extends ProcessApplication {

    /** Configured by {@code env} over the process environment; runners construct it with this. */
    public Results(Map<String, String> env) {
        super(env);
    }

    @Override
    protected Set<Class<?>> followedTypes() {
        return Set.of(Command.Submitted.class);
    }

    @Override
    protected void policy(DomainEvent event, ProcessingEvent processing) {
        if (event.payload() instanceof Command.Submitted submitted) {
            processing.collect(CommandResult.produce(event.originatorId(), submitted.text().toUpperCase(Locale.ROOT)));
        }
    }
}
