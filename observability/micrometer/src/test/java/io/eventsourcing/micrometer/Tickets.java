package io.eventsourcing.micrometer;

import io.eventsourcing.application.Application;
import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.domain.Ids;
import io.eventsourcing.system.ProcessApplication;
import io.eventsourcing.system.ProcessingEvent;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The tests' applications: tickets opened under their names, and an audit that follows them. */
final class Tickets extends Application {
    Tickets(Map<String, String> env) {
        super(env);
    }

    /** A ticket, opened once under its name. */
    static final class Ticket extends Aggregate<Ticket.Event> {
        sealed interface Event permits Opened {}

        record Opened(String name) implements Event {}

        static UUID idOf(String name) {
            return Ids.nameBased("/tickets/" + name);
        }

        static Ticket open(String name) {
            return create(Ticket::new, idOf(name), new Opened(name));
        }

        @Override
        protected void apply(Event event) {}
    }

    /** An audit entry of a ticket. */
    static final class Entry extends Aggregate<Entry.Event> {
        sealed interface Event permits Written {}

        record Written(String ticket) implements Event {}

        static Entry write(String ticket) {
            return create(Entry::new, Ids.random(), new Written(ticket));
        }

        @Override
        protected void apply(Event event) {}
    }

    UUID open(String name) {
        Ticket ticket = Ticket.open(name);
        save(ticket);
        return ticket.id();
    }

    /** Writes an audit entry for each ticket opened. */
    static final class Audit extends ProcessApplication {
        Audit(Map<String, String> env) {
            super(env);
        }

        @Override
        protected Set<Class<?>> followedTypes() {
            return Set.of(Ticket.Opened.class);
        }

        @Override
        protected void policy(DomainEvent event, ProcessingEvent processing) {
            if (event.payload() instanceof Ticket.Opened opened) {
                processing.collect(Entry.write(opened.name()));
            }
        }
    }
}
