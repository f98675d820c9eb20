package io.eventsourcing.tck;

import io.eventsourcing.dcb.DcbRecorder;
import io.eventsourcing.persistence.Environment;
import io.eventsourcing.persistence.InfrastructureFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The child process of {@link DcbRecorderProcessConformance}: a decider in a JVM of its own. It makes the
 * DCB recorder of the application named by its first argument from the process environment, prints
 * {@code ready}, waits for a line {@code go} on its input so that all children start together, appends
 * the next numbers of the counter tagged by its second argument as many times as its third argument
 * says, and prints {@code done <refused>}. Not API: public only so that a JVM can run it.
 */
public final class DcbRacer {
    private DcbRacer() {}

    /**
     * @param args the application name, the counter's tag, how many numbers to append
     * @throws Exception if anything fails; the exit status is then not 0
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: DcbRacer <application name> <tag> <count>");
        }
        try (InfrastructureFactory factory = InfrastructureFactory.construct(Environment.of(args[0], Map.of()));
                DcbRecorder recorder = factory.dcbRecorder()) {
            recorder.head();
            System.out.println("ready");
            System.out.flush();
            BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line = input.readLine();
            if (!"go".equals(line)) {
                throw new IllegalStateException("expected 'go', read " + line);
            }
            int refused = Counter.appendNext(recorder, args[1], Integer.parseInt(args[2]));
            System.out.println("done " + refused);
            System.out.flush();
        }
    }
}
