package io.eventsourcing.tck.system;

import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.persistence.OperationalException;
import io.eventsourcing.system.ProcessApplication;
import io.eventsourcing.system.ProcessingEvent;
import io.eventsourcing.tck.bankaccounts.BankAccount;
import io.eventsourcing.tck.bankaccounts.BankAccounts;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Follows {@link BankAccounts} and writes a welcome {@link EmailNotification} for every account
 * opened: pyeventsourcing's {@code EmailProcess}. It follows {@link BankAccount.Opened} events only,
 * and counts the calls of its policy so a test can tell that no other event reached it. An account
 * opened with an address that has no {@code @} makes the policy throw; one whose address starts
 * {@value #FLAKY} makes it fail twice as a lost connection to the database would (an
 * {@link OperationalException}) before it succeeds.
 *
 * <p>Thread-safe, as every process application.
 */
public class EmailProcess extends ProcessApplication {
    /** The start of an address whose email fails twice before it is written. */
    public static final String FLAKY = "flaky-";
    private static final int MAX_READ = 10_000;

    private final AtomicInteger policyCalls = new AtomicInteger();
    private final AtomicInteger flakyFailures = new AtomicInteger();

    /** Configured by {@code env} over the process environment; runners construct it with this. */
    public EmailProcess(Map<String, String> env) {
        super(env);
    }

    @Override
    protected Set<Class<?>> followedTypes() {
        return Set.of(BankAccount.Opened.class);
    }

    @Override
    protected void policy(DomainEvent event, ProcessingEvent processing) {
        policyCalls.incrementAndGet();
        if (event.payload() instanceof BankAccount.Opened opened) {
            if (opened.emailAddress().startsWith(FLAKY) && flakyFailures.get() < 2) {
                flakyFailures.incrementAndGet();
                throw new OperationalException("the connection was lost (a failure of the test)");
            }
            processing.collect(EmailNotification.create(opened.emailAddress(), "Your New Account",
                    "Dear " + opened.fullName() + ", your account is open."));
        }
    }

    /** How many times this instance's policy failed for a {@value #FLAKY} address. */
    public int flakyFailures() {
        return flakyFailures.get();
    }

    /** How many times this instance's policy has been called. */
    public int policyCalls() {
        return policyCalls.get();
    }

    /** The recipients of the emails recorded so far, in the order recorded. */
    public List<String> recipients() {
        return recorder().selectNotifications(1, MAX_READ).stream().map(this::recipient).toList();
    }

    private String recipient(Notification notification) {
        Object payload = mapper().toDomainEvent(notification.toStoredEvent()).payload();
        return ((EmailNotification.Created) payload).to();
    }
}
