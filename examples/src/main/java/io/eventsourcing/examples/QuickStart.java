package io.eventsourcing.examples;

import io.eventsourcing.application.NotificationLogReader;
import io.eventsourcing.examples.dogschool.Dog;
import io.eventsourcing.examples.dogschool.TrainingSchool;
import io.eventsourcing.persistence.Notification;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * The quick start: registers a dog at the {@link TrainingSchool}, teaches it two tricks, and prints
 * what was recorded. Runs on the backend named by {@code PERSISTENCE_MODULE} in the process environment,
 * in memory when it is unset.
 *
 * <pre>{@code ./mvnw -q -pl examples -am package -DskipTests exec:java}</pre>
 */
public final class QuickStart {
    private QuickStart() {}

    /** Runs the quick start, printing to standard output. */
    public static void main(String[] args) {
        run(System.out);
    }

    private static void run(PrintStream out) {
        try (var school = new TrainingSchool(Map.of())) {
            out.println("Training school on " + school.factory().getClass().getSimpleName());

            school.register("Fido");
            out.println("Registered Fido with id " + Dog.createId("Fido"));

            school.addTrick("Fido", "roll over");
            school.addTrick("Fido", "play dead");
            List<String> tricks = school.tricks("Fido");
            out.println("Fido knows " + tricks.size() + " tricks: " + String.join(", ", tricks));

            out.println("Notification log (id, originator id:version, topic):");
            new NotificationLogReader(school.notificationLog()).read(1).map(QuickStart::describe).forEach(out::println);
        }
    }

    private static String describe(Notification notification) {
        return "  " + notification.id() + "  " + notification.originatorId() + ":" + notification.originatorVersion()
                + "  " + notification.topic();
    }
}
