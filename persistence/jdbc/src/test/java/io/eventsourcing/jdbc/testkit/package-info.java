/**
 * What the SQL backends' tests share, shipped in the JDBC module's test jar: the suite of transactions
 * outside the application with its small application, and a subscription follower.
 */
@NullMarked
package io.eventsourcing.jdbc.testkit;

import org.jspecify.annotations.NullMarked;
