/**
 * The fast JSON codec of event payload records: writes the bytes Jackson's standard configuration
 * writes and reads them back into equal objects, without a parser per event, and gives up (so the
 * caller uses Jackson) on anything it does not handle exactly. Not API: this package is not exported.
 */
@NullMarked
package io.eventsourcing.internal.json;

import org.jspecify.annotations.NullMarked;
