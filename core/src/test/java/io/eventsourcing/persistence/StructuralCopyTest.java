package io.eventsourcing.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.Ids;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StructuralCopyTest {
    enum Status { OPEN, CLOSED }

    record Line(String item, BigDecimal price) {}

    record Basket(String owner, List<Line> lines) {}

    /** A mutable class of the user's own: nothing here knows how to copy it, Jackson does. */
    public static final class Notebook {
        private List<String> notes = new ArrayList<>();

        public List<String> getNotes() {
            return notes;
        }

        public void setNotes(List<String> notes) {
            this.notes = notes;
        }
    }

    record Placed(String customer) {}

    record Added(String item) {}

    static final class Order extends Aggregate<Object> {
        private String customer = "";
        private long cents;
        private Status status = Status.OPEN;
        private Instant placed = Instant.EPOCH;
        private UUID reference = new UUID(0, 0);
        private final List<String> items = new ArrayList<>();
        private final Map<String, Integer> counts = new HashMap<>();
        private final TreeMap<LocalDate, BigDecimal> prices = new TreeMap<>();
        private Line last = new Line("", BigDecimal.ZERO);
        private Basket basket = new Basket("", new ArrayList<>());
        private List<String> tags = List.of();
        private Optional<String> note = Optional.empty();
        private int[] digits = new int[0];

        static Order place(String customer) {
            return create(Order::new, Ids.random(), new Placed(customer));
        }

        void add(String item) {
            trigger(new Added(item));
        }

        @Override
        protected void apply(Object event) {
            if (event instanceof Placed created) {
                customer = created.customer();
                placed = Instant.parse("2026-12-06T10:15:30.123456Z");
                reference = UUID.randomUUID();
                tags = List.of("new", "web");
                note = Optional.of("ring twice");
                digits = new int[] {4, 2};
                return;
            }
            String item = ((Added) event).item();
            items.add(item);
            counts.merge(item, 1, Integer::sum);
            prices.put(LocalDate.of(2026, 12, items.size()), new BigDecimal("1." + items.size() + "0"));
            cents += 150;
            last = new Line(item, new BigDecimal("1.50"));
            List<Line> lines = new ArrayList<>(basket.lines());
            lines.add(last);
            basket = new Basket(customer, lines);
            status = Status.CLOSED;
        }
    }

    static final class Diary extends Aggregate<Object> {
        private Notebook notebook = new Notebook();

        static Diary open() {
            return create(Diary::new, Ids.random(), "opened");
        }

        @Override
        protected void apply(Object event) {
            notebook.getNotes().add((String) event);
        }
    }

    private final Mapper mapper = Mapper.standard();

    @Test
    void a_copy_made_field_by_field_has_the_state_of_one_made_through_the_snapshot() {
        Order order = Order.place("Ada");
        order.add("tea");
        order.add("cake");

        Order copy = StructuralCopy.of(order);

        assertThat(copy).isNotNull().isNotSameAs(order);
        assertThat(mapper.takeSnapshot(copy).state()).isEqualTo(mapper.takeSnapshot(order).state());
        assertThat(copy.id()).isEqualTo(order.id());
        assertThat(copy.version()).isEqualTo(3);
        assertThat(copy.createdOn()).isEqualTo(order.createdOn());
        assertThat(copy.modifiedOn()).isEqualTo(order.modifiedOn());
        assertThat(copy.pendingEvents()).isEmpty();
        assertThat(mapper.takeSnapshot(mapper.copy(order)).state()).isEqualTo(mapper.takeSnapshot(order).state());
    }

    @Test
    void a_copy_shares_nothing_that_can_change() {
        Order order = Order.place("Ada");
        order.add("tea");
        Order copy = StructuralCopy.of(order);
        assertThat(copy).isNotNull();

        order.add("cake");
        order.digits[0] = 9;

        assertThat(copy.items).containsExactly("tea");
        assertThat(copy.counts).containsOnlyKeys("tea");
        assertThat(copy.prices).hasSize(1);
        assertThat(copy.basket.lines()).hasSize(1).isNotSameAs(order.basket.lines());
        assertThat(copy.digits).containsExactly(4, 2);
        assertThat(copy.cents).isEqualTo(150);
        assertThat(copy.last).isSameAs(order.basket.lines().getFirst()).as("a record of values is shared");
        assertThat(copy.tags).isSameAs(order.tags).as("an unmodifiable list of strings is shared");
    }

    @Test
    void an_aggregate_holding_an_object_of_an_unknown_class_is_not_copied_field_by_field_but_still_copied() {
        Diary diary = Diary.open();

        assertThat(StructuralCopy.of(diary)).isNull();
        Diary copy = mapper.copy(diary);
        diary.notebook.getNotes().add("more");
        assertThat(copy.notebook.getNotes()).containsExactly("opened");
    }
}
