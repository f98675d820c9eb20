package io.eventsourcing.test;

import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.domain.Ids;
import io.eventsourcing.system.ProcessApplication;
import io.eventsourcing.system.ProcessingEvent;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A process application of the fixtures' tests: writes a welcome letter to each new account's owner, once. */
class Welcomes extends ProcessApplication {
    Welcomes(Map<String, String> env) {
        super(env);
    }

    /** A letter to someone; one per person, found by their name. */
    static final class Letter extends Aggregate<Letter.Written> {
        record Written(String to, String text) {}

        static UUID id(String to) {
            return Ids.nameBased("/letters/" + to);
        }

        static Letter write(String to, String text) {
            return create(Letter::new, id(to), new Written(to, text));
        }

        @Override
        protected void apply(Written event) {}
    }

    void write(String to, String text) {
        save(Letter.write(to, text));
    }

    boolean wrote(String to) {
        return repository().contains(Letter.id(to));
    }

    @Override
    protected Set<Class<?>> followedTypes() {
        return Set.of(Account.Opened.class);
    }

    @Override
    protected void policy(DomainEvent event, ProcessingEvent processing) {
        if (event.payload() instanceof Account.Opened opened) {
            if (opened.owner().equals("nobody")) {
                throw new IllegalArgumentException("nobody cannot be written to");
            }
            if (!wrote(opened.owner())) {
                processing.collect(Letter.write(opened.owner(), "Welcome, " + opened.owner()));
            }
        }
    }
}
