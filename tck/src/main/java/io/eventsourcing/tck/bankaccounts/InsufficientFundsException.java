package io.eventsourcing.tck.bankaccounts;

import static java.util.Objects.requireNonNull;

import java.io.Serial;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * A debit would take a {@link BankAccount}'s balance below minus its overdraft limit. Nothing was
 * recorded.
 */
public final class InsufficientFundsException extends RuntimeException {
    @Serial private static final long serialVersionUID = 1L;

    /** The id of the account that was to be debited. */
    private final UUID accountId;

    /**
     * @param accountId the account that was to be debited
     * @param requested the amount asked for
     * @param available the balance plus the overdraft limit
     */
    public InsufficientFundsException(UUID accountId, BigDecimal requested, BigDecimal available) {
        super("account " + requireNonNull(accountId, "accountId") + " cannot pay " + requested + ": only "
                + available + " is available including the overdraft limit");
        this.accountId = accountId;
    }

    /** The id of the account that was to be debited. */
    public UUID accountId() {
        return accountId;
    }
}
