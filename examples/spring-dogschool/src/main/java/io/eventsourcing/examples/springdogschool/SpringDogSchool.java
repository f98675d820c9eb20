package io.eventsourcing.examples.springdogschool;

import io.eventsourcing.spring.boot.EventSourcingApplications;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The dog school web application: {@code POST /dogs}, {@code POST /dogs/{id}/tricks} and
 * {@code GET /dogs/{id}}. The {@link DogSchool} stores its events through the context's
 * {@code DataSource} (an SQLite file by default, PostgreSQL with the {@code postgres} profile) and
 * joins its {@code @Transactional} transactions, so a dog and its JPA {@code OwnerRecord} commit
 * together.
 */
@SpringBootApplication
public class SpringDogSchool {
    /** The event-sourced application, closed by Spring with the context. */
    // tag::spring-bean[]
    @Bean
    DogSchool dogSchool(EventSourcingApplications applications) {
        return applications.create(DogSchool::new);
    }
    // end::spring-bean[]

    /** Runs the web application; Spring Boot's command-line arguments apply ({@code --server.port=8081}). */
    public static void main(String[] args) {
        SpringApplication.run(SpringDogSchool.class, args);
    }
}
