package io.eventsourcing.tck.bankaccounts;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.Ids;
import java.math.BigDecimal;

/**
 * A bank account, the aggregate of the conformance kit's application fixture: opened with a holder's
 * name and email address, then credited and debited by transactions, bounded below by an overdraft
 * limit, and finally closed. Amounts are {@link BigDecimal}s whose scale is kept exactly, so a balance
 * of {@code 65.00} read back from any backend is {@code 65.00}, not {@code 65} or {@code 65.0}.
 *
 * <p>Not thread-safe, as every aggregate: the repository hands each caller its own instance.
 */
public final class BankAccount extends Aggregate<BankAccount.Event> {

    /** What can happen to an account. */
    public sealed interface Event permits Opened, TransactionAppended, OverdraftLimitSet, Closed {}

    /**
     * The account was opened.
     *
     * @param fullName the holder's name
     * @param emailAddress the holder's email address
     */
    public record Opened(String fullName, String emailAddress) implements Event {}

    /**
     * Money was paid in (positive amount) or taken out (negative amount).
     *
     * @param amount the signed amount
     */
    public record TransactionAppended(BigDecimal amount) implements Event {}

    /**
     * The balance may now go down to minus this much.
     *
     * @param overdraftLimit the new limit, zero or more
     */
    public record OverdraftLimitSet(BigDecimal overdraftLimit) implements Event {}

    /** The account was closed; no transaction is accepted after this. */
    public record Closed() implements Event {}

    private static final BigDecimal ZERO = new BigDecimal("0.00");

    private String fullName = "";
    private String emailAddress = "";
    private BigDecimal balance = ZERO;
    private BigDecimal overdraftLimit = ZERO;
    private boolean closed;

    private BankAccount() {}

    /**
     * A new account with a random id, not yet saved.
     *
     * @throws NullPointerException if an argument is null
     */
    public static BankAccount open(String fullName, String emailAddress) {
        requireNonNull(fullName, "fullName");
        requireNonNull(emailAddress, "emailAddress");
        return create(BankAccount::new, Ids.random(), new Opened(fullName, emailAddress));
    }

    /**
     * Pays money in (positive) or takes it out (negative).
     *
     * @throws AccountClosedException if the account is closed
     * @throws InsufficientFundsException if the balance would go below minus the overdraft limit
     */
    public void appendTransaction(BigDecimal amount) {
        requireNonNull(amount, "amount");
        checkOpen();
        BigDecimal available = balance.add(overdraftLimit);
        if (amount.signum() < 0 && available.add(amount).signum() < 0) {
            throw new InsufficientFundsException(id(), amount.negate(), available);
        }
        trigger(new TransactionAppended(amount));
    }

    /**
     * Lets the balance go down to minus {@code limit}.
     *
     * @throws AccountClosedException if the account is closed
     * @throws IllegalArgumentException if the limit is negative
     */
    public void setOverdraftLimit(BigDecimal limit) {
        requireNonNull(limit, "limit");
        if (limit.signum() < 0) {
            throw new IllegalArgumentException("an overdraft limit cannot be negative, was " + limit);
        }
        checkOpen();
        trigger(new OverdraftLimitSet(limit));
    }

    /**
     * Closes the account.
     *
     * @throws AccountClosedException if it is closed already
     */
    public void close() {
        checkOpen();
        trigger(new Closed());
    }

    /** The holder's name. */
    public String fullName() {
        return fullName;
    }

    /** The holder's email address. */
    public String emailAddress() {
        return emailAddress;
    }

    /** The balance. */
    public BigDecimal balance() {
        return balance;
    }

    /** How far below zero the balance may go. */
    public BigDecimal overdraftLimit() {
        return overdraftLimit;
    }

    /** Whether the account is closed. */
    public boolean isClosed() {
        return closed;
    }

    @Override
    protected void apply(Event event) {
        switch (event) {
            case Opened e -> {
                fullName = e.fullName();
                emailAddress = e.emailAddress();
            }
            case TransactionAppended e -> balance = balance.add(e.amount());
            case OverdraftLimitSet e -> overdraftLimit = e.overdraftLimit();
            case Closed e -> closed = true;
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new AccountClosedException(id());
        }
    }
}
