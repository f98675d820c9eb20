package io.eventsourcing.tck.bankaccounts;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.application.AggregateNotFoundException;
import io.eventsourcing.application.Application;
import io.eventsourcing.application.RecordConflictException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

/**
 * The application of the conformance kit's fixture: opens {@link BankAccount}s and moves money
 * between them. It keeps snapshots ({@link #isSnapshottingEnabled()} is true), so
 * {@link #takeSnapshot} works without further settings. Every command gets the account(s) from the
 * repository, changes them and saves them; a transfer saves both accounts in one atomic save.
 *
 * <p>Thread-safe, as every application. The commands throw {@link AggregateNotFoundException} for an
 * unknown account and {@link RecordConflictException} when another writer changed the account between
 * the get and the save.
 */
public class BankAccounts extends Application {

    /** Configured by the process environment alone. */
    public BankAccounts() {
        super();
    }

    /** Configured by {@code env} over the process environment. */
    public BankAccounts(Map<String, String> env) {
        super(env);
    }

    /** Keeps snapshots, as pyeventsourcing's {@code BankAccounts} does. */
    @Override
    protected boolean isSnapshottingEnabled() {
        return true;
    }

    /** Opens an account and returns its id. */
    public UUID openAccount(String fullName, String emailAddress) {
        BankAccount account = BankAccount.open(fullName, emailAddress);
        save(account);
        return account.id();
    }

    /**
     * Pays {@code amount} into an account.
     *
     * @throws AccountClosedException if the account is closed
     */
    public void depositFunds(UUID creditAccountId, BigDecimal amount) {
        requirePositive(amount);
        BankAccount account = getAccount(creditAccountId);
        account.appendTransaction(amount);
        save(account);
    }

    /**
     * Takes {@code amount} out of an account.
     *
     * @throws AccountClosedException if the account is closed
     * @throws InsufficientFundsException if the overdraft limit does not allow it
     */
    public void withdrawFunds(UUID debitAccountId, BigDecimal amount) {
        requirePositive(amount);
        BankAccount account = getAccount(debitAccountId);
        account.appendTransaction(amount.negate());
        save(account);
    }

    /**
     * Moves {@code amount} from one account to another, recording both transactions in one atomic save.
     *
     * @throws AccountClosedException if either account is closed
     * @throws InsufficientFundsException if the debited account's overdraft limit does not allow it
     * @throws IllegalArgumentException if the two accounts are the same
     */
    public void transferFunds(UUID debitAccountId, UUID creditAccountId, BigDecimal amount) {
        requirePositive(amount);
        if (debitAccountId.equals(creditAccountId)) {
            throw new IllegalArgumentException("cannot transfer from account " + debitAccountId + " to itself");
        }
        BankAccount debit = getAccount(debitAccountId);
        BankAccount credit = getAccount(creditAccountId);
        debit.appendTransaction(amount.negate());
        credit.appendTransaction(amount);
        save(debit, credit);
    }

    /**
     * Lets an account's balance go down to minus {@code limit}.
     *
     * @throws AccountClosedException if the account is closed
     */
    public void setOverdraftLimit(UUID accountId, BigDecimal limit) {
        BankAccount account = getAccount(accountId);
        account.setOverdraftLimit(limit);
        save(account);
    }

    /** An account's overdraft limit. */
    public BigDecimal getOverdraftLimit(UUID accountId) {
        return getAccount(accountId).overdraftLimit();
    }

    /** An account's balance. */
    public BigDecimal getBalance(UUID accountId) {
        return getAccount(accountId).balance();
    }

    /**
     * Closes an account; it accepts no further transactions but can still be read.
     *
     * @throws AccountClosedException if it is closed already
     */
    public void closeAccount(UUID accountId) {
        BankAccount account = getAccount(accountId);
        account.close();
        save(account);
    }

    /** Discards an account: from then on the repository no longer finds it. */
    public void discardAccount(UUID accountId) {
        BankAccount account = getAccount(accountId);
        account.discard();
        save(account);
    }

    /** The account with the given id, from the repository. */
    public BankAccount getAccount(UUID accountId) {
        requireNonNull(accountId, "accountId");
        return repository().get(BankAccount.class, accountId);
    }

    private static void requirePositive(BigDecimal amount) {
        requireNonNull(amount, "amount");
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("an amount must be positive, was " + amount);
        }
    }
}
