@NullMarked
package io.eventsourcing.sqlite;

import org.jspecify.annotations.NullMarked;
