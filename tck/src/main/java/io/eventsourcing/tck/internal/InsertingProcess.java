package io.eventsourcing.tck.internal;

import io.eventsourcing.persistence.ApplicationRecorder;
import io.eventsourcing.persistence.Environment;
import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.persistence.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A writer process of {@code MultiProcessConformance}: opens the backend its arguments name, inserts
 * one event at a time from several threads, and prints {@code <id> <originator id> <version>} for
 * each, then {@code done}.
 *
 * <pre>
 * java ... InsertingProcess &lt;threads&gt; &lt;inserts per thread&gt; NAME=value ...
 * </pre>
 */
public final class InsertingProcess {
    private InsertingProcess() {}

    /** Runs the writer; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        int inserts = Integer.parseInt(args[1]);
        Map<String, String> env = new HashMap<>();
        for (int i = 2; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            env.put(args[i].substring(0, equals), args[i].substring(equals + 1));
        }
        try (InfrastructureFactory factory = InfrastructureFactory.construct(Environment.isolated("Tck", env));
                ApplicationRecorder recorder = factory.applicationRecorder();
                ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<String>> writers = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                writers.add(pool.submit(() -> {
                    UUID aggregate = UUID.randomUUID();
                    StringBuilder lines = new StringBuilder();
                    for (int version = 1; version <= inserts; version++) {
                        byte[] state = ("{\"process\":" + ProcessHandle.current().pid() + ",\"version\":" + version
                                + "}").getBytes(StandardCharsets.UTF_8);
                        long id = recorder.insertEvents(List.of(new StoredEvent(aggregate, version, "written", state)))
                                .getFirst();
                        lines.append(id).append(' ').append(aggregate).append(' ').append(version).append('\n');
                    }
                    return lines.toString();
                }));
            }
            StringBuilder output = new StringBuilder();
            for (Future<String> writer : writers) {
                output.append(writer.get());
            }
            System.out.print(output);
            System.out.println("done");
        }
    }
}
