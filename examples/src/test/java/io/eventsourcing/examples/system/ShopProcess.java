package io.eventsourcing.examples.system;

import io.eventsourcing.system.MultiThreadedRunner;
import java.io.IOException;
import java.util.Map;

/**
 * Runs the shop's system in a process of its own until the process is stopped or its standard input
 * ends, configured by the process environment alone ({@code PERSISTENCE_MODULE}, {@code SQLITE_DBNAME}
 * or {@code POSTGRES_*}). Prints {@code ready} once its followers follow. {@link TwoProcessesTest}
 * starts it beside the process that takes the orders; ending the test's JVM ends its input too, so it
 * never outlives the test.
 */
public final class ShopProcess {
    private ShopProcess() {}

    /** Runs the system; stopping the process (SIGTERM) stops the runner and closes the applications. */
    public static void main(String[] args) throws IOException {
        // tag::shop-process[]
        var runner = new MultiThreadedRunner(Shop.SYSTEM, Map.of());    // settings from the environment
        runner.start();
        Runtime.getRuntime().addShutdownHook(new Thread(runner::stop));
        // end::shop-process[]
        System.out.println("ready");
        System.out.flush();
        // Until the process is stopped, or its standard input ends: the process that started it ended.
        while (System.in.read() != -1) {
            // input is ignored
        }
        System.exit(0);                                                 // runs the hook
    }
}
