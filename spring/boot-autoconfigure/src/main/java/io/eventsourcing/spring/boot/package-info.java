/**
 * Spring Boot auto-configuration: event-sourced applications on the context's {@code DataSource},
 * in its transactions, configured from {@code eventsourcing.*} properties, with their tables made by
 * Flyway; runners as lifecycle beans; health and metrics. Start with {@link
 * io.eventsourcing.spring.boot.EventSourcingApplications}.
 */
@NullMarked
package io.eventsourcing.spring.boot;

import org.jspecify.annotations.NullMarked;
