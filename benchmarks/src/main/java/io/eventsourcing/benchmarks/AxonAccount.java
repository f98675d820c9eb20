package io.eventsourcing.benchmarks;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.SourceId;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * {@link Account} written as an Axon Framework 4 event-sourced aggregate, as an Axon user writes one:
 * command handlers on the aggregate, {@code AggregateLifecycle.apply} for new events and
 * {@code @EventSourcingHandler} methods that change the state. Its events are the very records the
 * library's {@code Account} records ({@link Account.Opened}, {@link Account.Credited}), so both sides
 * store payloads of the same shape and size.
 *
 * <p>Not thread-safe; Axon's repository gives each command its own instance under a per-aggregate lock.
 */
public final class AxonAccount {

    /** Opens an account: the aggregate's creation command, handled by a constructor. */
    public record Open(String id, String owner, int credits) {}

    /** Pays money into an account. */
    public record Credit(@TargetAggregateIdentifier String id, long amountCents) {}

    @AggregateIdentifier
    private String id = "";
    private String owner = "";
    private String currency = "";
    private long balanceCents;
    private long credits;

    /** For Axon, which creates an empty instance before replaying an account's events. */
    AxonAccount() {}

    /**
     * Opens the account, then credits it {@code credits} times (so a whole history is stored in one
     * unit of work, as the library's {@code Bench.openAccountWithEvents} does). The identifier is set
     * before the first event because the events do not carry it (they are the library's events); Axon
     * stamps each applied event with the aggregate's identifier, and replays set it from the stored
     * event's source id.
     */
    @CommandHandler
    AxonAccount(Open command) {
        id = command.id();
        apply(new Account.Opened(command.owner(), "EUR"));
        for (int i = 1; i <= command.credits(); i++) {
            apply(new Account.Credited(i, "ref-" + i));
        }
    }

    /** Credits the account; the reference names the version before it, as {@code Bench.credit} does. */
    @CommandHandler
    void handle(Credit command) {
        apply(new Account.Credited(command.amountCents(), "ref-" + (credits + 1)));
    }

    @EventSourcingHandler
    void on(Account.Opened event, @SourceId String accountId) {
        id = accountId;
        owner = event.owner();
        currency = event.currency();
    }

    @EventSourcingHandler
    void on(Account.Credited event) {
        balanceCents += event.amountCents();
        credits++;
    }

    /** How many credits were applied. */
    public long credits() {
        return credits;
    }

    /** The balance. */
    public long balanceCents() {
        return balanceCents;
    }

    /** The owner. */
    public String owner() {
        return owner;
    }

    /** The currency. */
    public String currency() {
        return currency;
    }

    /** The identifier. */
    public String id() {
        return id;
    }
}
