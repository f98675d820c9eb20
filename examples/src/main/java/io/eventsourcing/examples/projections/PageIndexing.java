package io.eventsourcing.examples.projections;

import io.eventsourcing.domain.Discarded;
import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.examples.crud.Page;
import io.eventsourcing.persistence.Tracking;
import io.eventsourcing.system.Projection;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps a {@link PageSearchIndex} up to date with the content management example's pages: a created
 * page is indexed, a new title or body replaces the old one, a deleted page leaves the index.
 */
// tag::page-indexing[]
public class PageIndexing extends Projection<PageSearchIndex> {
    public PageIndexing(PageSearchIndex index) { super(index); }

    @Override public Set<Class<?>> types() {      // only these are read from the log
        return Set.of(Page.Created.class, Page.TitleUpdated.class, Page.BodyUpdated.class, Discarded.class);
    }

    @Override public void process(DomainEvent event, Tracking tracking) {
        UUID id = event.originatorId();
        switch (event.payload()) {
            case Page.Created e -> view().insertPage(id, e.slug(), e.title(), e.body(), tracking);
            case Page.TitleUpdated e -> view().updateTitle(id, e.title(), tracking);
            case Page.BodyUpdated e -> view().updateBody(id, e.body(), tracking);
            case Discarded e -> view().deletePage(id, tracking);
            default -> throw new IllegalArgumentException("PageIndexing does not handle " + event.payload());
        }
    }
}
// end::page-indexing[]
