/**
 * Programs the conformance suites run in processes of their own. Not API: the package is not exported.
 */
@NullMarked
package io.eventsourcing.tck.internal;

import org.jspecify.annotations.NullMarked;
