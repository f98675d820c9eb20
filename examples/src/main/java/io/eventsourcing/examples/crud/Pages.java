package io.eventsourcing.examples.crud;

import io.eventsourcing.application.AggregateNotFoundException;
import io.eventsourcing.application.Application;
import java.util.Map;

/**
 * Create, read, update and delete pages by slug, each a {@link Page} aggregate. Deleting discards the
 * page: its events stay in the log, but the repository no longer finds it. Thread-safe.
 */
public class Pages extends Application {

    /** What a reader sees of a page. */
    public record PageView(String slug, String title, String body) {}

    /** An application configured by {@code env} over the process environment. */
    public Pages(Map<String, String> env) {
        super(env);
    }

    /**
     * Creates a page.
     *
     * @throws IllegalArgumentException if the slug is malformed
     * @throws io.eventsourcing.application.RecordConflictException if the slug is taken
     */
    public void createPage(String slug, String title, String body) {
        save(Page.create(slug, title, body));
    }

    /**
     * The page with the given slug.
     *
     * @throws AggregateNotFoundException if there is none or it was deleted
     */
    public PageView page(String slug) {
        Page page = get(slug);
        return new PageView(page.slug(), page.title(), page.body());
    }

    /**
     * Changes a page's title.
     *
     * @throws AggregateNotFoundException if there is no such page
     */
    public void updateTitle(String slug, String title) {
        Page page = get(slug);
        page.updateTitle(title);
        save(page);
    }

    /**
     * Changes a page's body.
     *
     * @throws AggregateNotFoundException if there is no such page
     */
    public void updateBody(String slug, String body) {
        Page page = get(slug);
        page.updateBody(body);
        save(page);
    }

    /**
     * Deletes a page.
     *
     * @throws AggregateNotFoundException if there is no such page
     */
    // tag::discard[]
    public void deletePage(String slug) {
        Page page = get(slug);
        page.discard();
        save(page);
    }
    // end::discard[]

    /** Whether a page with the slug exists (and was not deleted). */
    public boolean exists(String slug) {
        return repository().contains(Page.createId(slug));
    }

    private Page get(String slug) {
        return repository().get(Page.class, Page.createId(slug));
    }
}
