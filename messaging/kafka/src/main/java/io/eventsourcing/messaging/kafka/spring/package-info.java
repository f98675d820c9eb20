/**
 * Spring Boot auto-configuration of Kafka publishers and republishers ({@code eventsourcing.kafka.*}), on
 * the client settings of Spring Boot's Kafka support ({@code spring.kafka.*}).
 */
@NullMarked
package io.eventsourcing.messaging.kafka.spring;

import org.jspecify.annotations.NullMarked;
