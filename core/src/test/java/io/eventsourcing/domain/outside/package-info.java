/** Classes outside every aggregate, for the tests of which stored topics resolve. */
@NullMarked
package io.eventsourcing.domain.outside;

import org.jspecify.annotations.NullMarked;
