/** The dog school: the quick start's aggregate and application. */
@NullMarked
package io.eventsourcing.examples.dogschool;

import org.jspecify.annotations.NullMarked;
