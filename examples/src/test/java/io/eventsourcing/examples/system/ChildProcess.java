package io.eventsourcing.examples.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A main class run in a second JVM with this JVM's class path, its output (stdout and stderr together)
 * drained on a thread of its own so the child never blocks on a full pipe, and kept for messages.
 */
final class ChildProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Thread drain;

    private ChildProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.drain = Thread.ofPlatform().daemon().name(name + "-output").start(this::drain);
    }

    /** Starts {@code main} with the variables added to this process's environment. */
    static ChildProcess start(Class<?> main, Map<String, String> env) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), main.getName())
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        try {
            return new ChildProcess(main.getSimpleName(), builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + main.getName() + " in a second JVM", e);
        }
    }

    /**
     * Waits until the child prints the line {@code ready}.
     *
     * @throws AssertionError if it exits first or does not within the timeout, with its output
     */
    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.await(100, TimeUnit.MILLISECONDS)) {
            if (!process.isAlive()) {
                drain.join(Duration.ofSeconds(5));
                throw new AssertionError(name + " exited with " + process.exitValue() + " before it was ready:\n"
                        + output());
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(name + " was not ready after " + timeout.toMillis() + " ms:\n" + output());
            }
        }
    }

    /** What the child printed so far. */
    String output() {
        return output.toString();
    }

    /**
     * Stops the child (SIGTERM, so it stops its runner, then SIGKILL if it lingers) and waits for it and
     * its output. Interrupted, it kills the child at once.
     */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
            }
            drain.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void drain() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.append(line).append('\n');
                if (line.equals("ready")) {
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            output.append("[reading the output failed: ").append(e).append("]\n");
        }
    }
}
