package io.eventsourcing.examples.crud;

import static java.util.Objects.requireNonNull;

import io.eventsourcing.domain.Aggregate;
import io.eventsourcing.domain.Ids;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A page of a content management system, found by its slug (its id is derived from the slug), with
 * a title and a body that can be changed. Deleting a page discards the aggregate.
 */
public class Page extends Aggregate<Page.Event> {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** What can happen to a page. */
    public sealed interface Event permits Created, TitleUpdated, BodyUpdated {}

    /** The page was created. */
    public record Created(String slug, String title, String body) implements Event {}

    /** The page got a new title. */
    public record TitleUpdated(String title) implements Event {}

    /** The page got a new body. */
    public record BodyUpdated(String body) implements Event {}

    private String slug = "";
    private String title = "";
    private String body = "";

    /** The id of the page with the given slug. */
    public static UUID createId(String slug) {
        return Ids.nameBased("/pages/" + slug);
    }

    /**
     * A new page.
     *
     * @throws IllegalArgumentException if the slug is not lower-case letters and digits in words joined
     *     by single hyphens, such as {@code hello-world}
     */
    public static Page create(String slug, String title, String body) {
        requireNonNull(slug, "slug");
        if (!SLUG.matcher(slug).matches()) {
            throw new IllegalArgumentException("slug '" + slug
                    + "' is not lower-case letters and digits in words joined by hyphens, e.g. 'hello-world'");
        }
        return create(Page::new, createId(slug), new Created(slug, requireNonNull(title, "title"),
                requireNonNull(body, "body")));
    }

    /** Changes the title; does nothing if it is the same. */
    public void updateTitle(String title) {
        if (!this.title.equals(requireNonNull(title, "title"))) {
            trigger(new TitleUpdated(title));
        }
    }

    /** Changes the body; does nothing if it is the same. */
    public void updateBody(String body) {
        if (!this.body.equals(requireNonNull(body, "body"))) {
            trigger(new BodyUpdated(body));
        }
    }

    /** The slug the page is found by. */
    public String slug() {
        return slug;
    }

    /** The title. */
    public String title() {
        return title;
    }

    /** The body. */
    public String body() {
        return body;
    }

    @Override
    protected void apply(Event event) {
        switch (event) {
            case Created e -> {
                slug = e.slug();
                title = e.title();
                body = e.body();
            }
            case TitleUpdated e -> title = e.title();
            case BodyUpdated e -> body = e.body();
        }
    }
}
