@NullMarked
package io.eventsourcing.tck;

import org.jspecify.annotations.NullMarked;
