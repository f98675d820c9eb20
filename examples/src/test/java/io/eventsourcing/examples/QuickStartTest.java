package io.eventsourcing.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class QuickStartTest {

    /** Runs {@link QuickStart#main} and returns what it printed. */
    static String runMain() {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, UTF_8));
        try {
            QuickStart.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        return buffer.toString(UTF_8);
    }

    @Test
    void the_quick_start_prints_the_dog_its_tricks_and_the_notification_log() {
        String fido = "1e1d7398-8986-57af-bb01-11a89b2f8b02";

        assertThat(runMain().lines()).containsSubsequence(
                "Registered Fido with id " + fido,
                "Fido knows 2 tricks: roll over, play dead",
                "Notification log (id, originator id:version, topic):",
                "  1  " + fido + ":1  io.eventsourcing.examples.dogschool.Dog$Registered",
                "  2  " + fido + ":2  io.eventsourcing.examples.dogschool.Dog$TrickAdded",
                "  3  " + fido + ":3  io.eventsourcing.examples.dogschool.Dog$TrickAdded");
    }

    @Test
    void the_quick_start_runs_on_the_in_memory_backend_by_default() {
        assertThat(runMain()).startsWith("Training school on InMemoryFactory");
    }

    @Test
    void each_run_starts_from_an_empty_store() {
        String first = runMain();

        assertThat(runMain()).isEqualTo(first);
    }
}
