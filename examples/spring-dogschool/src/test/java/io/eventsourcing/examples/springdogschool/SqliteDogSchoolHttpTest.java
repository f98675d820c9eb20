package io.eventsourcing.examples.springdogschool;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The HTTP tests on the default profile, on a fresh SQLite file. */
class SqliteDogSchoolHttpTest extends DogSchoolHttpTest {
    @TempDir
    static Path dir;

    @DynamicPropertySource
    static void sqliteFile(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url",
                () -> "jdbc:sqlite:" + dir.resolve("dogschool.db") + "?transaction_mode=IMMEDIATE");
    }
}
