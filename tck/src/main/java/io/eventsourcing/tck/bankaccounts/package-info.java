@NullMarked
package io.eventsourcing.tck.bankaccounts;

import org.jspecify.annotations.NullMarked;
