package io.eventsourcing.examples.dcb;

import io.eventsourcing.dcb.DcbApplication;
import io.eventsourcing.dcb.Decision;
import io.eventsourcing.dcb.DecisionModel;
import io.eventsourcing.dcb.Tag;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Consecutive invoice numbers (dcb.events, "invoice number"): every invoice gets the number after the
 * last one, with no gap and no number twice, however many clerks create invoices at once. The
 * consistency boundary is "all invoices": a model of every {@code InvoiceCreated}, so two clerks who
 * read the same last number cannot both append.
 */
public class Invoices extends DcbApplication {

    // tag::dcb-invoice[]
    public record InvoiceCreated(@Tag("invoice") long number, String customer, BigDecimal amount) {}

    static DecisionModel<Long> nextNumber() {
        return DecisionModel.initially(1L).on(InvoiceCreated.class, (next, created) -> created.number() + 1);
    }

    public long create(String customer, BigDecimal amount) {
        return retry(() -> {
            DecisionModel<Long> next = nextNumber();
            Decision decision = decide(next);
            long number = decision.state(next);
            append(decision, new InvoiceCreated(number, customer, amount));
            return number;
        });
    }
    // end::dcb-invoice[]

    public Invoices(Map<String, String> env) {
        super(env);
    }
}
