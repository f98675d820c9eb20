package io.eventsourcing.domain;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The version of an event payload record's (or an aggregate's snapshot state's) stored shape. Absent
 * means version 1. When a record changes shape, raise its version and register an {@link Upcaster}
 * for each step from the old versions, so events stored long ago still read back as the current record.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventVersion {
    /** The current version, 1 or more. */
    int value();
}
