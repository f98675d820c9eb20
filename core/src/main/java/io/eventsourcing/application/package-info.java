@NullMarked
package io.eventsourcing.application;

import org.jspecify.annotations.NullMarked;
