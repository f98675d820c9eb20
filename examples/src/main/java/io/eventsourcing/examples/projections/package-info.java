/**
 * Projections: materialised views kept up to date with an application's events, each change written
 * in one transaction with the view's tracking position. {@link
 * io.eventsourcing.examples.projections.EventCounting} counts events by type; {@link
 * io.eventsourcing.examples.projections.PageIndexing} keeps a full-text index of the content
 * management example's pages (SQLite FTS5 or a PostgreSQL tsvector column).
 */
@NullMarked
package io.eventsourcing.examples.projections;

import org.jspecify.annotations.NullMarked;
