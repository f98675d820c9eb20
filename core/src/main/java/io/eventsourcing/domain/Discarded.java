package io.eventsourcing.domain;

/**
 * The library's own event recorded by {@link Aggregate#discard()}. It is handled by the base class and
 * never passed to {@code apply}; a repository treats a discarded aggregate as gone.
 */
public record Discarded() {}
