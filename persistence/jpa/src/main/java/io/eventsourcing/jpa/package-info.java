/**
 * JPA recorders on Hibernate ORM ({@code PERSISTENCE_MODULE=jpa}): {@link io.eventsourcing.jpa.JpaFactory},
 * {@link io.eventsourcing.jpa.CurrentEntityManager} for entity managers owned by the caller, and mapped
 * superclasses of the stored tables.
 */
@NullMarked
package io.eventsourcing.jpa;

import org.jspecify.annotations.NullMarked;
