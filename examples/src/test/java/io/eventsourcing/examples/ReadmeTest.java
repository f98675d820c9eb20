package io.eventsourcing.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.eventsourcing.examples.Snippets.Block;
import io.eventsourcing.examples.Snippets.Region;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README never lies: each of its Java blocks is a copy of a tagged region of this module's (or the
 * Spring dog school's)
 * sources, which the tests compile and run.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ReadmeTest {
    /** The module directory: Surefire runs the tests there and says so in {@code basedir}. */
    private static final Path MODULE = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    private static final Path README = MODULE.resolve(Path.of("..", "README.md")).normalize();

    private static String readme() throws IOException {
        return Files.readString(README);
    }

    @Test
    void every_java_block_of_the_readme_is_a_tagged_region_of_the_examples() throws IOException {
        List<String> problems = new ArrayList<>();
        Map<String, Region> regions = Snippets.regions(
                List.of(MODULE.resolve("src/main/java"), MODULE.resolve("src/test/java"),
                        MODULE.resolve("spring-dogschool/src/main/java")), problems);

        List<String> found = Snippets.check(readme(), regions, problems);

        assertThat(found).as("problems with the Java blocks of %s", README).isEmpty();
    }

    @Test
    void the_readme_shows_its_main_snippets() throws IOException {
        List<String> names = Snippets.blocks(readme(), new ArrayList<>()).stream().map(Block::name).toList();

        assertThat(names).contains("dog", "training-school", "usage", "reservations", "shop-system",
                "projection-runner", "follow-over-http");
    }

    @Test
    void the_quick_start_output_shown_in_the_readme_is_what_its_first_run_prints(@TempDir Path directory)
            throws IOException {
        List<String> lines = readme().lines().toList();
        int marker = lines.indexOf("<!-- output: quick-start -->");
        assertThat(marker).as("the line <!-- output: quick-start --> in %s", README).isNotNegative();
        assertThat(lines.get(marker + 1)).isEqualTo("```text");
        int end = lines.subList(marker + 2, lines.size()).indexOf("```") + marker + 2;

        assertThat(QuickStartTest.runMain(directory.resolve("dogschool.db")).lines()).containsExactlyElementsOf(lines.subList(marker + 2, end));
    }

    @Test
    void the_readme_gives_the_two_commands_of_the_quick_start() throws IOException {
        assertThat(readme())
                .contains("./mvnw -q -pl examples -am package -DskipTests exec:java")
                .contains("./mvnw verify");
    }

    @Nested
    class the_checker {
        private final List<String> problems = new ArrayList<>();

        /**
         * The fixtures write tag lines with {@code %%} instead of {@code //} so that the scan of this
         * file for the README's regions does not find them.
         */
        private static String source(String text) {
            return text.replace("%%", "//");
        }

        private List<String> check(String document, String source) {
            Map<String, Region> regions = Snippets.regions("Example.java", source(source), problems).stream()
                    .collect(Collectors.toMap(Region::name, r -> r));
            return Snippets.check(document, regions, problems);
        }

        private static final String SOURCE = """
                class Example {
                    void run() {
                        %% tag::hello[]
                        if (true) {
                            System.out.println("hello");
                        }
                        %% end::hello[]
                    }
                }
                """;

        @Test
        void accepts_a_block_equal_to_the_region_without_its_indentation() {
            String document = """
                    Text.

                    <!-- snippet: hello -->
                    ```java
                    if (true) {
                        System.out.println("hello");
                    }
                    ```
                    """;

            assertThat(check(document, SOURCE)).isEmpty();
        }

        @Test
        void reports_a_changed_line_with_a_diff() {
            String document = """
                    <!-- snippet: hello -->
                    ```java
                    if (true) {
                        System.out.println("goodbye");
                    }
                    ```
                    """;

            assertThat(check(document, SOURCE)).singleElement().asString()
                    .contains("snippet 'hello' differs from Example.java:4")
                    .contains("  - " + "    System.out.println(\"goodbye\");")
                    .contains("  + " + "    System.out.println(\"hello\");")
                    .contains("    if (true) {");
        }

        @Test
        void reports_a_java_block_without_a_marker() {
            String document = """
                    Some words.
                    ```java
                    int x = 1;
                    ```
                    """;

            assertThat(check(document, SOURCE)).singleElement().asString()
                    .contains("README line 2")
                    .contains("no '<!-- snippet: NAME -->'");
        }

        @Test
        void reports_an_unknown_snippet_name() {
            String document = """
                    <!-- snippet: goodbye -->
                    ```java
                    int x = 1;
                    ```
                    """;

            assertThat(check(document, SOURCE)).singleElement().asString()
                    .contains("snippet 'goodbye' names no tagged region");
        }

        @Test
        void ignores_blocks_in_other_languages() {
            String document = """
                    ```bash
                    ./mvnw verify
                    ```
                    """;

            assertThat(check(document, SOURCE)).isEmpty();
        }

        @Test
        void leaves_out_nested_tag_lines_and_reports_an_unended_tag() {
            String source = """
                    %% tag::outer[]
                    int a = 1;
                    %% tag::inner[]
                    int b = 2;
                    %% end::inner[]
                    %% end::outer[]
                    %% tag::open[]
                    """;

            List<Region> regions = Snippets.regions("Nested.java", source(source), problems);

            assertThat(regions).extracting(Region::name, Region::text)
                    .containsExactly(
                            tuple("inner", "int b = 2;"),
                            tuple("outer", "int a = 1;\nint b = 2;"));
            assertThat(problems).singleElement().asString().contains("tag 'open' is never ended");
        }
    }
}
