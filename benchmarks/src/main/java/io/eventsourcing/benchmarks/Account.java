package io.eventsourcing.benchmarks;

import io.eventsourcing.domain.Aggregate;
import java.util.UUID;

/**
 * The aggregate every benchmark writes and loads: an account opened once and credited many times. Its
 * events are small records, like most real ones (about 120 bytes of stored JSON each).
 */
public final class Account extends Aggregate<Account.Event> {
    /** The account's events. */
    public sealed interface Event permits Opened, Credited {}

    /** The account was opened. */
    public record Opened(String owner, String currency) implements Event {}

    /** Money was paid in. */
    public record Credited(long amountCents, String reference) implements Event {}

    private String owner = "";
    private String currency = "";
    private long balanceCents;
    private long credits;

    private Account() {}

    /** Opens an account with a random id. */
    public static Account open(UUID id, String owner) {
        return create(Account::new, id, new Opened(owner, "EUR"));
    }

    /** Pays money in. */
    public void credit(long amountCents, String reference) {
        trigger(new Credited(amountCents, reference));
    }

    /** The balance. */
    public long balanceCents() {
        return balanceCents;
    }

    /** How many credits were applied. */
    public long credits() {
        return credits;
    }

    /** The owner. */
    public String owner() {
        return owner;
    }

    /** The currency. */
    public String currency() {
        return currency;
    }

    @Override
    protected void apply(Event event) {
        switch (event) {
            case Opened e -> {
                owner = e.owner();
                currency = e.currency();
            }
            case Credited e -> {
                balanceCents += e.amountCents();
                credits++;
            }
        }
    }
}
