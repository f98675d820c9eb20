/**
 * The dog school as a Spring Boot web application: dogs are event-sourced, their owners are JPA
 * entities, and a registration commits both in one Spring transaction or neither.
 */
@NullMarked
package io.eventsourcing.examples.springdogschool;

import org.jspecify.annotations.NullMarked;
