@NullMarked
package io.eventsourcing.persistence;

import org.jspecify.annotations.NullMarked;
