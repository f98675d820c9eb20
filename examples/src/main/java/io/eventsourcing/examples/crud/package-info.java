/** Content management: pages created, read, updated and deleted by slug. */
@NullMarked
package io.eventsourcing.examples.crud;

import org.jspecify.annotations.NullMarked;
