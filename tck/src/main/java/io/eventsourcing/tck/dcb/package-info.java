/**
 * The fixtures of {@link io.eventsourcing.tck.DcbApplicationConformance}: the dcb.events course
 * subscription example as a {@link io.eventsourcing.dcb.DcbApplication} ({@link Courses}) and a process
 * application that follows it ({@link Enrolments}).
 */
@NullMarked
package io.eventsourcing.tck.dcb;

import org.jspecify.annotations.NullMarked;
