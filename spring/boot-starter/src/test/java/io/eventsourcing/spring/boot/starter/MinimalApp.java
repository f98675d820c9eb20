package io.eventsourcing.spring.boot.starter;

import io.eventsourcing.spring.boot.EventSourcingApplications;
import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring Boot application as a new user writes it: the starter, Spring MVC, a JDBC driver and
 * {@code spring.datasource.url}; no exception handlers of its own (the starter's answer conflicts and
 * missing aggregates).
 */
@SpringBootApplication
public class MinimalApp {
    @Bean
    Library library(EventSourcingApplications applications) {
        return applications.create(Library::new);
    }

    record NewBook(String isbn, String title) {}

    record Loan(String member) {}

    record BookView(String title, int loans) {}

    @RestController
    static class Books {
        private final Library library;
        private final JdbcTemplate jdbc;

        Books(Library library, JdbcTemplate jdbc) {
            this.library = library;
            this.jdbc = jdbc;
        }

        @PostMapping("/books")
        @ResponseStatus(HttpStatus.CREATED)
        Map<String, String> register(@RequestBody NewBook book) {
            library.register(book.isbn(), book.title());
            return Map.of("isbn", book.isbn());
        }

        @GetMapping("/books/{isbn}")
        BookView book(@PathVariable("isbn") String isbn) {
            Book book = library.book(isbn);
            return new BookView(book.title(), book.loans());
        }

        /** The book's event and a row of the app's own table (made by its own migration), in one transaction. */
        @PostMapping("/books/{isbn}/loans")
        @Transactional
        BookView lend(@PathVariable("isbn") String isbn, @RequestBody Loan loan) {
            library.lend(isbn, loan.member());
            jdbc.update("INSERT INTO loans (isbn, member) VALUES (?, ?)", isbn, loan.member());
            return book(isbn);
        }
    }
}
