@NullMarked
package io.eventsourcing.system;

import org.jspecify.annotations.NullMarked;
