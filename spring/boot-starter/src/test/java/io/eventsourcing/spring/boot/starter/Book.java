package io.eventsourcing.spring.boot.starter;

import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.Ids;
import java.util.UUID;

/** A book of the minimal application, registered once under its ISBN. */
public class Book extends Aggregate<Book.Event> {
    /** What happens to a book. */
    public sealed interface Event permits Registered, Lent {}

    /** The book was registered. */
    public record Registered(String isbn, String title) implements Event {}

    /** The book was lent to a member. */
    public record Lent(String member) implements Event {}

    private String title = "";
    private int loans;

    /** The id of the book with the ISBN. */
    public static UUID createId(String isbn) {
        return Ids.nameBased("/books/" + isbn);
    }

    static Book register(String isbn, String title) {
        return create(Book::new, createId(isbn), new Registered(isbn, title));
    }

    void lend(String member) {
        trigger(new Lent(member));
    }

    String title() {
        return title;
    }

    int loans() {
        return loans;
    }

    @Override
    protected void apply(Event event) {
        switch (event) {
            case Registered e -> title = e.title();
            case Lent e -> loans++;
        }
    }
}
