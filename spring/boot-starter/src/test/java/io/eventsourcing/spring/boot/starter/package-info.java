/** Minimal Spring Boot applications on the starter, started and called over HTTP on each database. */
@NullMarked
package io.eventsourcing.spring.boot.starter;

import org.jspecify.annotations.NullMarked;
