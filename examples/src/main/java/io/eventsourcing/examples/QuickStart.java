package io.eventsourcing.examples;

import io.eventsourcing.application.NotificationLogReader;
import io.eventsourcing.examples.dogschool.Dog;
import io.eventsourcing.examples.dogschool.TrainingSchool;
import io.eventsourcing.persistence.Notification;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The quick start: on the embedded default, a SQLite file ({@code dogschool.db} in the working
 * directory, or the path given as the first argument), registers a dog at the {@link TrainingSchool}
 * unless an earlier run did, teaches it its next trick, and prints what is recorded. Each run continues
 * where the last one stopped.
 *
 * <pre>{@code ./mvnw -q -pl examples -am package -DskipTests exec:java}</pre>
 */
public final class QuickStart {
    private static final List<String> TRICKS = List.of("roll over", "play dead", "fetch", "sit");

    private QuickStart() {}

    /** Runs the quick start on the SQLite file named by the first argument, default {@code dogschool.db}. */
    public static void main(String[] args) {
        Path database = Path.of(args.length > 0 ? args[0] : "dogschool.db");
        run(database, System.out);
    }

    static void run(Path database, PrintStream out) {
        Map<String, String> env = Map.of("PERSISTENCE_MODULE", "sqlite", "SQLITE_DBNAME", database.toString());
        try (var school = new TrainingSchool(env)) {
            out.println("Training school on " + school.factory().getClass().getSimpleName() + ", database "
                    + database.getFileName());

            if (school.repository().contains(Dog.createId("Fido"))) {
                out.println("Found Fido, registered by an earlier run, with id " + Dog.createId("Fido"));
            } else {
                school.register("Fido");
                out.println("Registered Fido with id " + Dog.createId("Fido"));
            }

            String trick = TRICKS.get(school.tricks("Fido").size() % TRICKS.size());
            school.addTrick("Fido", trick);
            List<String> tricks = school.tricks("Fido");
            out.println("Fido knows " + tricks.size() + (tricks.size() == 1 ? " trick: " : " tricks: ")
                    + String.join(", ", tricks));

            out.println("Notification log (id, originator id:version, topic):");
            new NotificationLogReader(school.notificationLog()).read(1).map(QuickStart::describe).forEach(out::println);
        }
    }

    private static String describe(Notification notification) {
        return "  " + notification.id() + "  " + notification.originatorId() + ":" + notification.originatorVersion()
                + "  " + notification.topic();
    }
}
