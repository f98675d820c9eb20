package io.eventsourcing.examples.springdogschool;

import io.eventsourcing.tck.Databases;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.ActiveProfiles;

/**
 * The HTTP tests on the {@code postgres} profile, in a freshly made {@code es_spring_dogschool}
 * database. Skipped with the reason printed when PostgreSQL is not reachable, failed under {@code CI=true}.
 */
@ActiveProfiles("postgres")
class PostgresDogSchoolHttpTest extends DogSchoolHttpTest {
    @BeforeAll
    static void freshDatabase() {
        Databases.requireReachable("PostgreSQL", "127.0.0.1", 5432);
        Databases.execute("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "",
                "DROP DATABASE IF EXISTS es_spring_dogschool WITH (FORCE)", "CREATE DATABASE es_spring_dogschool");
    }
}
