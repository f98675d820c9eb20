package io.eventsourcing.tck.bankaccounts;

import static java.util.Objects.requireNonNull;

import java.io.Serial;
import java.util.UUID;

/** A transaction or a change was asked of a closed {@link BankAccount}. Nothing was recorded. */
public final class AccountClosedException extends RuntimeException {
    @Serial private static final long serialVersionUID = 1L;

    /** The id of the closed account. */
    private final UUID accountId;

    /** @param accountId the closed account */
    public AccountClosedException(UUID accountId) {
        super("account " + requireNonNull(accountId, "accountId") + " is closed");
        this.accountId = accountId;
    }

    /** The id of the closed account. */
    public UUID accountId() {
        return accountId;
    }
}
