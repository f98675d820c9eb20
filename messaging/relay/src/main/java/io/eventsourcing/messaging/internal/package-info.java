/** Helpers shared by the broker modules; not API. */
@NullMarked
package io.eventsourcing.messaging.internal;

import org.jspecify.annotations.NullMarked;
