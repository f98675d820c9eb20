package io.eventsourcing.postgres.faults;

import io.eventsourcing.jdbc.testkit.Parcel;
import io.eventsourcing.jdbc.testkit.PostOffice;
import io.eventsourcing.persistence.Recording;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A writer process of the fault suite, killed with {@code kill -9} while it saves. It saves new parcels
 * in a loop, configured by the process environment ({@code POSTGRES_*}), and tells the suite on its
 * standard output, one line at a time and flushed, before each save ({@code BEGIN <id>}) and after it
 * ({@code ACK <id> <notification id>} or {@code FAIL <id> <exception>}).
 */
public final class FaultWriter {
    private FaultWriter() {}

    /**
     * @param args the pause between saves in milliseconds
     */
    public static void main(String[] args) throws InterruptedException {
        long pause = args.length > 0 ? Long.parseLong(args[0]) : 2;
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (PostOffice office = new PostOffice(Map.of())) {
            out.println("READY");
            while (true) {
                Parcel parcel = Parcel.post("1 Harbour Road");
                out.println("BEGIN " + parcel.id());
                try {
                    List<Recording> recordings = office.save(parcel);
                    out.println("ACK " + parcel.id() + " " + recordings.getFirst().notificationId());
                } catch (RuntimeException e) {
                    out.println("FAIL " + parcel.id() + " " + e.getClass().getName() + ": "
                            + String.valueOf(e.getMessage()).replace('\n', ' '));
                }
                Thread.sleep(pause);
            }
        }
    }
}
