package io.eventsourcing.postgres.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Installs the Debian packages a test needs when their programs are missing, as CI does
 * ({@code apt-get update && apt-get install -y ...}). Only root can; anyone else gets a skip with the
 * command to run, or under {@code CI=true} a failure. Installing is serialised in the JVM, and a second
 * test finding the programs installed does nothing.
 */
public final class DebianPackages {
    private static final long INSTALL_MINUTES = 10;

    private DebianPackages() {}

    /**
     * Makes sure every program exists, installing the packages if one does not.
     *
     * @param programs absolute paths of the programs needed, e.g. {@code /usr/bin/patroni}
     * @param packages the Debian packages that provide them
     */
    public static synchronized void require(List<Path> programs, String... packages) {
        if (programs.stream().allMatch(Files::isExecutable)) {
            return;
        }
        String command = "apt-get update && apt-get install -y " + String.join(" ", packages);
        if (!"root".equals(System.getProperty("user.name")) || !Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            unavailable(programs + " missing and this process cannot install them: run " + command);
        }
        System.err.println("installing " + String.join(", ", packages) + " (" + command + ")");
        List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y", "-q"));
        install.addAll(List.of(packages));
        run(List.of("apt-get", "update", "-q"));
        run(install);
        for (Path program : programs) {
            if (!Files.isExecutable(program)) {
                unavailable(program + " is still missing after " + command);
            }
        }
    }

    private static void run(List<String> command) {
        Path output = null;
        try {
            output = Files.createTempFile("es-apt-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process process = builder.start();
            if (!process.waitFor(INSTALL_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                unavailable(String.join(" ", command) + " did not finish in " + INSTALL_MINUTES + " minutes");
            }
            if (process.exitValue() != 0) {
                unavailable(String.join(" ", command) + " failed (exit " + process.exitValue() + "): "
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("running " + command + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    // a leftover temporary file is harmless
                }
            }
        }
    }

    /** Skips the test, or under {@code CI=true} fails it. */
    static void unavailable(String reason) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(reason + "; under CI=true a test that needs its own cluster never skips");
        }
        System.err.println("SKIPPED: " + reason);
        Assumptions.abort(reason);
    }
}
