@NullMarked
package io.eventsourcing.internal;

import org.jspecify.annotations.NullMarked;
