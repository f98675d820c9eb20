@NullMarked
package io.eventsourcing.jdbc;

import org.jspecify.annotations.NullMarked;
