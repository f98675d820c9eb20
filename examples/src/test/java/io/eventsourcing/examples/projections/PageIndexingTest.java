package io.eventsourcing.examples.projections;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsourcing.examples.Postgres;
import io.eventsourcing.examples.crud.Page;
import io.eventsourcing.examples.crud.Pages;
import io.eventsourcing.system.ProjectionRunner;
import io.eventsourcing.test.ProjectionFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.jspecify.annotations.Nullable;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PageIndexingTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Nested
    class on_sqlite_with_fts5 extends Scenarios {
        @TempDir
        Path directory;

        @Override
        Map<String, String> env() {
            return Map.of("PERSISTENCE_MODULE", "sqlite", "SQLITE_DBNAME", directory.resolve("pages.db").toString());
        }
    }

    @Nested
    class on_postgresql_with_tsvector extends Scenarios {
        @Override
        Map<String, String> env() {
            return Postgres.env("examples_search");
        }
    }

    /** What the index does on every database; the pages and the index share the database. */
    abstract static class Scenarios {
        private @Nullable Pages pages;
        private @Nullable PageSearchIndex index;
        private @Nullable ProjectionRunner<PageSearchIndex> runner;

        abstract Map<String, String> env();

        @BeforeEach
        void open() {
            Map<String, String> env = env();
            pages = new Pages(env);
            index = new PageSearchIndex(env);
        }

        @AfterEach
        void close() {
            if (runner != null) {
                runner.close();
            }
            if (index != null) {
                index.close();
            }
            if (pages != null) {
                pages.close();
            }
        }

        private Pages pages() {
            if (pages == null) {
                throw new IllegalStateException("not opened");
            }
            return pages;
        }

        private PageSearchIndex index() {
            if (index == null) {
                throw new IllegalStateException("not opened");
            }
            return index;
        }

        private ProjectionRunner<PageSearchIndex> start() {
            ProjectionRunner<PageSearchIndex> started = new ProjectionRunner<>(pages(), new PageIndexing(index()));
            runner = started;
            return started;
        }

        /** Waits until the index has processed everything the pages recorded so far. */
        private void caughtUp(ProjectionRunner<PageSearchIndex> runner) {
            runner.wait(pages().recorder().maxNotificationId(), TIMEOUT);
        }

        @Test
        @Timeout(60)
        void pages_created_and_updated_before_the_runner_started_are_found() {
            Pages pages = pages();
            pages.createPage("fruit", "Apples and pears", "Orchards in autumn.");
            pages.createPage("vegetables", "Leeks", "Winter vegetables for soup.");
            pages.updateBody("vegetables", "Winter vegetables for soup and pies.");

            ProjectionRunner<PageSearchIndex> runner = start();
            caughtUp(runner);

            assertThat(index().search("apples")).containsExactly("fruit");
            assertThat(index().search("pies")).containsExactly("vegetables");
            assertThat(index().search("winter soup")).containsExactly("vegetables");    // every word
            assertThat(index().search("apples soup")).isEmpty();
        }

        @Test
        @Timeout(60)
        void a_page_created_after_the_start_is_found_once_wait_returns() {
            ProjectionRunner<PageSearchIndex> runner = start();
            PageSearchIndex index = index();
            Pages pages = pages();
            // tag::search-index-usage[]
            pages.createPage("event-sourcing", "Event sourcing", "Storing state as a sequence of events.");
            runner.wait(pages.recorder().maxNotificationId(), Duration.ofSeconds(10));

            assertThat(index.search("sequence of events")).containsExactly("event-sourcing");
            assertThat(index.search("stored")).containsExactly("event-sourcing");     // stored, storing: store
            // end::search-index-usage[]
        }

        @Test
        @Timeout(60)
        void an_update_replaces_the_old_text() {
            PageSearchIndex index = index();
            // tag::projection-fixture[]
            UUID page = Page.createId("hello-world");
            ProjectionFixture.of(new PageIndexing(index))
                    .given(page, new Page.Created("hello-world", "Hello", "The first page."),
                            new Page.BodyUpdated("A revised page about salutations."))
                    .when(page, new Page.TitleUpdated("Greetings"))
                    .then(view -> {
                        assertThat(view.search("hello")).isEmpty();
                        assertThat(view.search("first")).isEmpty();
                        assertThat(view.search("greetings")).containsExactly("hello-world");
                        assertThat(view.search("salutations")).containsExactly("hello-world");
                    })
                    .thenProcessedOnce();       // the same event again is refused, as the view records its position
            // end::projection-fixture[]
        }

        @Test
        @Timeout(60)
        void a_deleted_page_is_no_longer_found() {
            Pages pages = pages();
            pages.createPage("draft", "Draft", "Unfinished thoughts.");
            pages.createPage("final", "Final", "Finished thoughts.");
            ProjectionRunner<PageSearchIndex> runner = start();

            pages.deletePage("draft");
            caughtUp(runner);

            assertThat(index().search("thoughts")).containsExactly("final");
        }

        @Test
        @Timeout(60)
        void a_query_is_words_never_syntax() {
            pages().createPage("quotes", "Quotes", "He said \"stop\" and left.");
            ProjectionRunner<PageSearchIndex> runner = start();
            caughtUp(runner);

            assertThat(index().search("\"stop\" NEAR -left*")).isEmpty();         // NEAR is a word here
            assertThat(index().search("\"stop\" -left*")).containsExactly("quotes");
            assertThat(index().search("'); DROP TABLE pages; --")).isEmpty();
            assertThat(index().search("  ...  ")).isEmpty();
            assertThat(index().search("quotes")).containsExactly("quotes");
        }
    }
}
