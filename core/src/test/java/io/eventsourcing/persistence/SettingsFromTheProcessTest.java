package io.eventsourcing.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The check of misspelled settings on a real process environment: a second JVM started with variables. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SettingsFromTheProcessTest {

    /** Constructs a backend for the application {@code DogSchool} from the process environment alone. */
    public static void main(String[] args) {
        try (InfrastructureFactory factory = InfrastructureFactory.construct(Environment.of("DogSchool", Map.of()))) {
            System.out.println("constructed " + factory.getClass().getSimpleName());
        } catch (ConfigurationException e) {
            System.out.println("refused: " + e.getMessage());
            System.exit(2);
        }
    }

    private record Run(int exit, String output) {}

    private static Run run(Map<String, String> env) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), SettingsFromTheProcessTest.class.getName())
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.contains("PERSISTENCE") || name.contains("DOGSCHOOL"));
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the second JVM ended").isTrue();
        return new Run(process.exitValue(), output);
    }

    @Test
    void a_misspelled_persistence_module_in_the_environment_is_refused() throws Exception {
        Run run = run(Map.of("DOGSCHOOL_PERSISTANCE_MODULE", "sqlite"));

        assertThat(run.exit()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("refused: DOGSCHOOL_PERSISTANCE_MODULE (in the process environment of "
                + "DogSchool) is not a setting: did you mean DOGSCHOOL_PERSISTENCE_MODULE?");
    }

    @Test
    void a_look_alike_is_a_warning_and_the_other_tools_variables_say_nothing() throws Exception {
        Run run = run(Map.of("PERSISTENCE_MODULE", "memory", "IS_SNAPSHOTING_ENABLED", "true",
                "POSTGRES_DB", "app", "POSTGRES_HOST_AUTH_METHOD", "trust", "JAVA_HOME", "/usr/lib/jvm/java",
                "DOGSCHOOL_HOME", "/srv/dogschool"));

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output())
                .contains("constructed InMemoryFactory")
                .containsOnlyOnce("WARN")
                .contains("IS_SNAPSHOTING_ENABLED (in the process environment of DogSchool) is not a setting and is "
                        + "ignored: did you mean IS_SNAPSHOTTING_ENABLED?");
    }

    @Test
    void the_in_memory_default_says_once_that_the_events_are_not_persisted() throws Exception {
        Run run = run(Map.of());

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).containsOnlyOnce("WARN").contains("DogSchool keeps its events in memory");
    }
}
