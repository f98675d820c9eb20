package io.eventsourcing.test;

import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.Ids;
import java.math.BigDecimal;
import java.util.List;

/** A bank account of the fixtures' tests: opened, deposited into, closed. */
final class Account extends Aggregate<Account.Event> {
    sealed interface Event permits Opened, Deposited, Closed {}

    record Opened(String owner) implements Event {}

    record Deposited(BigDecimal amount, List<String> notes) implements Event {}

    record Closed() implements Event {}

    private String owner = "";
    private BigDecimal balance = BigDecimal.ZERO;
    private boolean closed;

    static Account open(String owner) {
        if (owner.isBlank()) {
            throw new IllegalArgumentException("an account needs an owner");
        }
        return create(Account::new, Ids.random(), new Opened(owner));
    }

    void deposit(BigDecimal amount, String... notes) {
        if (closed) {
            throw new IllegalStateException("account " + id() + " is closed");
        }
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("a deposit must be positive: " + amount);
        }
        trigger(new Deposited(amount, List.of(notes)));
    }

    void close() {
        if (!closed) {
            trigger(new Closed());
        }
    }

    String owner() {
        return owner;
    }

    BigDecimal balance() {
        return balance;
    }

    @Override
    protected void apply(Event event) {
        switch (event) {
            case Opened e -> owner = e.owner();
            case Deposited e -> balance = balance.add(e.amount());
            case Closed e -> closed = true;
        }
    }
}
