/**
 * Dynamic consistency boundaries: the three scenarios of dcb.events (unique user names, course
 * subscriptions across two boundaries, consecutive invoice numbers) and an aggregate-style entity,
 * each a {@link io.eventsourcing.dcb.DcbApplication}.
 */
@NullMarked
package io.eventsourcing.examples.dcb;

import org.jspecify.annotations.NullMarked;
