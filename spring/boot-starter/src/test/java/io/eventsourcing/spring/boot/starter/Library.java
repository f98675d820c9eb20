package io.eventsourcing.spring.boot.starter;

import io.eventsourcing.application.Application;
import java.util.Map;

/** The minimal application's event-sourced application. */
public class Library extends Application {
    /** Made by the {@code EventSourcingApplications} bean. */
    public Library(Map<String, String> env) {
        super(env);
    }

    void register(String isbn, String title) {
        save(Book.register(isbn, title));
    }

    void lend(String isbn, String member) {
        Book book = repository().get(Book.createId(isbn));
        book.lend(member);
        save(book);
    }

    Book book(String isbn) {
        return repository().get(Book.class, Book.createId(isbn));
    }
}
