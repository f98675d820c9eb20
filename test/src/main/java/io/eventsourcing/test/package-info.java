/**
 * Given/when/then fixtures: {@link io.eventsourcing.test.AggregateFixture} (given past events, when a
 * command, then the new events or an exception), {@link io.eventsourcing.test.PolicyFixture} (given a
 * follower's state, when an upstream event, then the events its policy recorded) and
 * {@link io.eventsourcing.test.ProjectionFixture} (given processed events, when one more, then the
 * view). A failed expectation is an {@link AssertionError} that shows what differs, field by field.
 */
@NullMarked
package io.eventsourcing.test;

import org.jspecify.annotations.NullMarked;
