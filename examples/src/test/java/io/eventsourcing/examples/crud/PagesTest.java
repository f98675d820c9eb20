package io.eventsourcing.examples.crud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.application.AggregateNotFoundException;
import io.eventsourcing.application.RecordConflictException;
import io.eventsourcing.domain.Discarded;
import io.eventsourcing.domain.Ids;
import io.eventsourcing.domain.Topics;
import io.eventsourcing.examples.crud.Pages.PageView;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.test.AggregateFixture;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PagesTest {
    private final Pages pages = new Pages(Map.of("PERSISTENCE_MODULE", "memory"));

    @AfterEach
    void close() {
        pages.close();
    }

    @Test
    void a_created_page_is_read_back_by_its_slug() {
        pages.createPage("hello-world", "Hello", "The first page.");

        assertThat(pages.page("hello-world")).isEqualTo(new PageView("hello-world", "Hello", "The first page."));
        assertThat(pages.exists("hello-world")).isTrue();
    }

    @Test
    void a_page_id_is_derived_from_its_slug() {
        pages.createPage("hello-world", "Hello", "The first page.");
        UUID id = Page.createId("hello-world");

        assertThat(id).isEqualTo(Ids.nameBased("/pages/hello-world"));
        assertThat(pages.repository().get(Page.class, id).title()).isEqualTo("Hello");
        assertThat(Page.createId("goodbye-world")).isNotEqualTo(id);
    }

    @Test
    void the_title_and_the_body_can_be_updated() {
        pages.createPage("hello-world", "Hello", "The first page.");

        pages.updateTitle("hello-world", "Hello, world");
        pages.updateBody("hello-world", "The first page, revised.");

        assertThat(pages.page("hello-world"))
                .isEqualTo(new PageView("hello-world", "Hello, world", "The first page, revised."));
        assertThat(pages.repository().<Page>get(Page.createId("hello-world"), 1).title()).isEqualTo("Hello");
    }

    @Test
    void an_update_that_changes_nothing_records_nothing() {
        AggregateFixture.of(Page.class)
                .given(new Page.Created("hello-world", "Hello", "The first page."))
                .when(page -> {
                    page.updateTitle("Hello");
                    page.updateBody("The first page.");
                })
                .thenNoEvents();
    }

    @Test
    void an_update_records_only_what_changed() {
        AggregateFixture.of(Page.class)
                .given(new Page.Created("hello-world", "Hello", "The first page."))
                .when(page -> {
                    page.updateTitle("Hello, world");
                    page.updateBody("The first page.");
                })
                .then(new Page.TitleUpdated("Hello, world"))
                .thenState(page -> assertThat(page.body()).isEqualTo("The first page."));
    }

    @Test
    void a_deleted_page_is_gone_from_the_repository_but_its_events_stay_in_the_log() {
        pages.createPage("hello-world", "Hello", "The first page.");
        UUID id = Page.createId("hello-world");

        pages.deletePage("hello-world");

        assertThat(pages.repository().contains(id)).isFalse();
        assertThat(pages.exists("hello-world")).isFalse();
        assertThatThrownBy(() -> pages.repository().get(id))
                .isInstanceOf(AggregateNotFoundException.class)
                .hasMessageContaining("discarded");
        assertThatThrownBy(() -> pages.page("hello-world")).isInstanceOf(AggregateNotFoundException.class);
        assertThat(pages.notificationLog().select(1, 10))
                .extracting(Notification::topic)
                .containsExactly(Topics.of(Page.Created.class), Topics.of(Discarded.class));
        assertThat(pages.repository().<Page>get(id, 1).body()).isEqualTo("The first page.");
    }

    @Test
    void a_deleted_page_cannot_be_updated_or_deleted_again() {
        pages.createPage("hello-world", "Hello", "The first page.");
        pages.deletePage("hello-world");

        assertThatThrownBy(() -> pages.updateTitle("hello-world", "Again"))
                .isInstanceOf(AggregateNotFoundException.class);
        assertThatThrownBy(() -> pages.deletePage("hello-world")).isInstanceOf(AggregateNotFoundException.class);
        assertThat(pages.recorder().maxNotificationId()).isEqualTo(2);
    }

    @Test
    void an_unknown_page_is_not_found() {
        assertThat(pages.exists("no-such-page")).isFalse();
        assertThatThrownBy(() -> pages.page("no-such-page"))
                .isInstanceOf(AggregateNotFoundException.class)
                .hasMessageContaining(Page.createId("no-such-page").toString());
    }

    @Test
    void a_slug_can_be_taken_only_once() {
        pages.createPage("hello-world", "Hello", "The first page.");

        assertThatThrownBy(() -> pages.createPage("hello-world", "Hi", "Another page."))
                .isInstanceOf(RecordConflictException.class);
        assertThat(pages.page("hello-world").title()).isEqualTo("Hello");
    }

    @Test
    void a_malformed_slug_is_rejected_before_anything_is_recorded() {
        // tag::aggregate-fixture-exception[]
        IllegalArgumentException refused = AggregateFixture.of(Page.class)
                .givenNothing()
                .whenCreated(() -> Page.create("Hello World", "Hello", ""))
                .thenThrows(IllegalArgumentException.class);

        assertThat(refused).hasMessageContaining("'Hello World'");
        // end::aggregate-fixture-exception[]
        AggregateFixture.of(Page.class)
                .givenNothing()
                .whenCreated(() -> Page.create("hello--world", "Hello", ""))
                .thenThrows(IllegalArgumentException.class);
    }
}
