package io.eventsourcing.benchmarks;

import io.eventsourcing.dcb.DcbAppendCondition;
import io.eventsourcing.dcb.DcbApplication;
import io.eventsourcing.dcb.DcbQuery;
import io.eventsourcing.dcb.Decision;
import io.eventsourcing.dcb.DecisionModel;
import io.eventsourcing.dcb.Tag;
import io.eventsourcing.dcb.Tags;
import java.util.Map;
import java.util.UUID;

/**
 * The DCB application under test, named "DcbBench" (table {@code dcbbench_dcb_events}): accounts opened
 * and credited, each event tagged with its account.
 */
public final class DcbBench extends DcbApplication {

    /**
     * An account was opened.
     *
     * @param id the account, its tag
     * @param owner the owner's name
     */
    public record Opened(@Tag("account") UUID id, String owner) {}

    /**
     * An account was credited.
     *
     * @param id the account, its tag
     * @param amountCents the amount
     * @param reference the payment's reference
     */
    public record Credited(@Tag("account") UUID id, long amountCents, String reference) {}

    /** @param env the backend's settings, see {@link Backend#env} */
    public DcbBench(Map<String, String> env) {
        super(env);
    }

    @Override
    public String name() {
        return "DcbBench";
    }

    /** Opens an account on condition that no event of it exists: one event, one conditional append. */
    public long open(UUID id) {
        return append(DcbAppendCondition.failIfEventsMatch(DcbQuery.tags(Tags.of("account", id))),
                new Opened(id, "owner-" + id.toString().substring(0, 8)));
    }

    /** Opens an account unconditionally: the same event, appended without a condition. */
    public long openUnconditionally(UUID id) {
        return appendUnconditionally(new Opened(id, "owner-" + id.toString().substring(0, 8)));
    }

    /** The account's balance: a decision on the account's events, each decoded. */
    public long balance(UUID id) {
        DecisionModel<Long> balance = DecisionModel.initially(0L)
                .on(Credited.class, Tags.of("account", id), (sum, credited) -> sum + credited.amountCents());
        Decision decision = decide(balance);
        return decision.state(balance);
    }
}
