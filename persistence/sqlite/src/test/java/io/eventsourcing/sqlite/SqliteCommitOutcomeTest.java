package io.eventsourcing.sqlite;

import io.eventsourcing.jdbc.testkit.CommitOutcomeConformance;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Lost commits on a SQLite database file, a new file for every test. */
class SqliteCommitOutcomeTest extends CommitOutcomeConformance {
    @TempDir
    Path directory;

    @Override
    protected String url() {
        return "jdbc:sqlite:" + directory.resolve("faulty.db");
    }
}
