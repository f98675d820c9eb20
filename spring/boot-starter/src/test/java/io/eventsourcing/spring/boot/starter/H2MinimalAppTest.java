package io.eventsourcing.spring.boot.starter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The minimal application on an H2 database file. */
class H2MinimalAppTest extends MinimalAppTest {
    @TempDir
    Path dir;

    @Override
    void emptyDatabase() {
        try {
            Files.deleteIfExists(dir.resolve("app.mv.db"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    Map<String, String> datasource() {
        return Map.of("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("app"));
    }

    /** H2 upper-cases unquoted identifiers, and Flyway quotes its lower-case ones. */
    @Override
    String quoted(String identifier) {
        return "\"" + identifier + "\"";
    }
}
