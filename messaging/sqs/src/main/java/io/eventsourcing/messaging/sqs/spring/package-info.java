/**
 * Spring Boot auto-configuration of SQS publishers and republishers ({@code eventsourcing.sqs.*}), on the
 * application's {@code SqsClient} bean.
 */
@NullMarked
package io.eventsourcing.messaging.sqs.spring;

import org.jspecify.annotations.NullMarked;
