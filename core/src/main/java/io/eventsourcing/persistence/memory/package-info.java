@NullMarked
package io.eventsourcing.persistence.memory;

import org.jspecify.annotations.NullMarked;
