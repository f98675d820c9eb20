package io.eventsourcing.tck.internal;

import io.eventsourcing.dcb.DcbRecorder;
import io.eventsourcing.persistence.Environment;
import io.eventsourcing.persistence.InfrastructureFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A decider process of {@code DcbRecorderProcessConformance}: opens the DCB recorder of the backend its
 * arguments name (for the application {@code Tck}), prints {@code ready}, waits for a line {@code go}
 * on its input so that all deciders start together, appends the next numbers of the counter of a tag
 * ({@link DcbCounter}), and prints {@code done <refused appends>}.
 *
 * <pre>
 * java ... DcbRacingProcess &lt;tag&gt; &lt;numbers to append&gt; NAME=value ...
 * </pre>
 */
public final class DcbRacingProcess {
    private DcbRacingProcess() {}

    /** Runs the decider; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        Map<String, String> env = new HashMap<>();
        for (int i = 2; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            env.put(args[i].substring(0, equals), args[i].substring(equals + 1));
        }
        try (InfrastructureFactory factory = InfrastructureFactory.construct(Environment.isolated("Tck", env));
                DcbRecorder recorder = factory.dcbRecorder()) {
            recorder.head();
            System.out.println("ready");
            System.out.flush();
            BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line = input.readLine();
            if (!"go".equals(line)) {
                throw new IllegalStateException("expected 'go', read " + line);
            }
            int refused = DcbCounter.appendNext(recorder, args[0], Integer.parseInt(args[1]));
            System.out.println("done " + refused);
            System.out.flush();
        }
    }
}
