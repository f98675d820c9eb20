/** The Spring backend's parts; not API. */
@NullMarked
package io.eventsourcing.spring.boot.internal;

import org.jspecify.annotations.NullMarked;
