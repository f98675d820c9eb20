package io.eventsourcing.postgres.testkit;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A JVM that starts a Patroni cluster of two nodes, prints its directory and waits to be killed: how
 * {@link PatroniClusterTest} shows that the reaper removes a cluster whose JVM died without closing it.
 */
public final class ClusterOwner {
    private ClusterOwner() {}

    /** Starts the cluster, prints {@code DIRECTORY <path>}, and sleeps. */
    public static void main(String[] args) throws InterruptedException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PatroniCluster cluster = PatroniCluster.launch(2);
        out.println("DIRECTORY " + cluster.directory());
        Thread.sleep(Long.MAX_VALUE);
    }
}
