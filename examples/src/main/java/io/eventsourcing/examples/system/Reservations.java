package io.eventsourcing.examples.system;

import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.system.ProcessApplication;
import io.eventsourcing.system.ProcessingEvent;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps the stock of items and reserves it for each order {@link Orders} places, or refuses the
 * order when there is not enough. {@code stock(item)} returns the item's stock, or a new empty one
 * (not saved) if it was never stocked. Thread-safe; but stock added while the policy reserves from the
 * same item may conflict with it, so in this example stock is added before orders are placed.
 */
// tag::reservations[]
public class Reservations extends ProcessApplication {
    public Reservations(Map<String, String> env) { super(env); }

    public void addStock(String item, int quantity) {
        if (repository().contains(Stock.createId(item))) {
            Stock stock = repository().get(Stock.class, Stock.createId(item));
            stock.add(quantity);
            save(stock);
        } else {
            save(Stock.create(item, quantity));
        }
    }

    public Stock stock(String item) {
        UUID id = Stock.createId(item);
        return repository().contains(id) ? repository().get(Stock.class, id) : Stock.create(item, 0);
    }

    @Override protected Set<Class<?>> followedTypes() { return Set.of(Order.Placed.class); }   // pull only these

    @Override protected void policy(DomainEvent event, ProcessingEvent processing) {
        if (event.payload() instanceof Order.Placed placed) {
            Stock stock = stock(placed.item());
            stock.reserve(event.originatorId(), placed.quantity());   // Reserved, or Refused if too few
            processing.collect(stock);    // its new event is recorded with Placed's position, atomically
        }
    }
}
// end::reservations[]
