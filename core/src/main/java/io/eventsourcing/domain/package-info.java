@NullMarked
package io.eventsourcing.domain;

import org.jspecify.annotations.NullMarked;
