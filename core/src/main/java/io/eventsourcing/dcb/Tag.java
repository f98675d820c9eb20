package io.eventsourcing.dcb;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a component of an event record as one of the event's DCB tags: the tag is
 * {@code key:value}, where the key is {@link #value()} (the component's name when that is empty) and
 * the value the component's value as text. A collection component gives one tag per element; a null
 * component gives none. {@link Tags#of} writes the same tag for a query.
 *
 * <pre>{@code
 * record StudentSubscribed(@Tag("student") String studentId, @Tag("course") String courseId) {}
 * // new StudentSubscribed("s1", "c1") has the tags "student:s1" and "course:c1"
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Tag {
    /** The tag's key; empty (the default) for the component's name. */
    String value() default "";
}
