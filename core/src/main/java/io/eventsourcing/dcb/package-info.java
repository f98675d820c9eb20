/**
 * Dynamic consistency boundaries (<a href="https://dcb.events/specification">dcb.events</a>): events
 * that carry a type and tags instead of belonging to one aggregate, read by queries over types and
 * tags, and appended on condition that nothing matching the decision's query was recorded after the
 * position it read up to.
 *
 * <p>The store contract is {@link io.eventsourcing.dcb.DcbRecorder} (every persistence module
 * implements it; {@link io.eventsourcing.dcb.InMemoryDcbRecorder} here), and the application layer is
 * {@link io.eventsourcing.dcb.DcbApplication} with typed events, {@link io.eventsourcing.dcb.DecisionModel}s
 * and the {@link io.eventsourcing.dcb.Decision}s they compose into.
 */
@NullMarked
package io.eventsourcing.dcb;

import org.jspecify.annotations.NullMarked;
