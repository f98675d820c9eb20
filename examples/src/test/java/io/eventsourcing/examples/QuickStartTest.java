package io.eventsourcing.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class QuickStartTest {
    private static final String FIDO = "1e1d7398-8986-57af-bb01-11a89b2f8b02";

    @TempDir
    Path directory;

    /** Runs {@link QuickStart#main} on a database file and returns what it printed. */
    static String runMain(Path database) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, UTF_8));
        try {
            QuickStart.main(new String[] {database.toString()});
        } finally {
            System.setOut(original);
        }
        return buffer.toString(UTF_8);
    }

    @Test
    void the_first_run_registers_the_dog_teaches_a_trick_and_prints_the_notification_log() {
        assertThat(runMain(directory.resolve("dogschool.db")).lines()).containsExactly(
                "Training school on SqliteFactory, database dogschool.db",
                "Registered Fido with id " + FIDO,
                "Fido knows 1 trick: roll over",
                "Notification log (id, originator id:version, topic):",
                "  1  " + FIDO + ":1  io.eventsourcing.examples.dogschool.Dog$Registered",
                "  2  " + FIDO + ":2  io.eventsourcing.examples.dogschool.Dog$TrickAdded");
    }

    @Test
    void a_second_run_reads_what_the_first_wrote_to_the_file_and_continues() {
        Path database = directory.resolve("dogschool.db");
        runMain(database);

        assertThat(Files.exists(database)).isTrue();
        assertThat(runMain(database).lines()).containsSubsequence(
                "Found Fido, registered by an earlier run, with id " + FIDO,
                "Fido knows 2 tricks: roll over, play dead",
                "  3  " + FIDO + ":3  io.eventsourcing.examples.dogschool.Dog$TrickAdded");
    }
}
