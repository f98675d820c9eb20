package io.eventsourcing.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventsourcing.jdbc.testkit.PostOffice;
import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The in-memory backend has no database transactions to offer a block. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class InMemoryTransactionTest {

    @Test
    void a_connection_transaction_on_the_in_memory_backend_fails_naming_the_backend_without_running_the_block() {
        AtomicBoolean ran = new AtomicBoolean();
        try (PostOffice app = new PostOffice(Map.of("PERSISTENCE_MODULE", "memory"))) {

            assertThatThrownBy(() -> app.transaction(Connection.class, connection -> {
                ran.set(true);
                return null;
            })).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("InMemoryApplicationRecorder")
                    .hasMessageContaining("java.sql.Connection");
        }
        assertThat(ran).isFalse();
    }
}
