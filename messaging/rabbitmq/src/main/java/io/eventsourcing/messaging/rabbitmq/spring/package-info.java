/**
 * Spring Boot auto-configuration of RabbitMQ publishers and republishers ({@code eventsourcing.rabbitmq.*}),
 * on the connection settings of Spring Boot's AMQP support ({@code spring.rabbitmq.*}).
 */
@NullMarked
package io.eventsourcing.messaging.rabbitmq.spring;

import org.jspecify.annotations.NullMarked;
