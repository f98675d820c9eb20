/** The README's JPA example. */
@NullMarked
package io.eventsourcing.examples.jpa;

import org.jspecify.annotations.NullMarked;
