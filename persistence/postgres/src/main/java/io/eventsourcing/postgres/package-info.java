@NullMarked
package io.eventsourcing.postgres;

import org.jspecify.annotations.NullMarked;
