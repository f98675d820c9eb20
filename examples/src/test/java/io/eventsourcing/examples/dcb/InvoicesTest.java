package io.eventsourcing.examples.dcb;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsourcing.dcb.DcbQuery;
import io.eventsourcing.examples.dcb.Invoices.InvoiceCreated;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class InvoicesTest {

    @Test
    void numbers_invoices_one_after_another(@TempDir Path directory) {
        String database = directory.resolve("invoices.db").toString();
        // tag::dcb-usage[]
        try (var invoices = new Invoices(Map.of("PERSISTENCE_MODULE", "sqlite", "SQLITE_DBNAME", database))) {
            assert invoices.create("ACME", new BigDecimal("99.50")) == 1;
            assert invoices.create("Initech", new BigDecimal("12.00")) == 2;
        }
        // end::dcb-usage[]
        try (var reopened = new Invoices(Map.of("PERSISTENCE_MODULE", "sqlite", "SQLITE_DBNAME", database))) {
            assertThat(reopened.create("Globex", BigDecimal.TEN)).isEqualTo(3);
        }
    }

    @Test
    void clerks_creating_invoices_at_once_get_consecutive_numbers_without_gaps_or_repeats(@TempDir Path directory)
            throws Exception {
        int clerks = 6;
        int each = 10;
        try (Invoices invoices = new Invoices(Map.of("PERSISTENCE_MODULE", "sqlite", "SQLITE_DBNAME",
                directory.resolve("invoices.db").toString()))) {
            CyclicBarrier start = new CyclicBarrier(clerks);
            List<Future<List<Long>>> results = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(clerks)) {
                for (int c = 0; c < clerks; c++) {
                    String clerk = "clerk " + c;
                    results.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        List<Long> numbers = new ArrayList<>();
                        for (int i = 0; i < each; i++) {
                            numbers.add(invoices.retry(100, () -> invoices.create(clerk, BigDecimal.ONE)));
                        }
                        return numbers;
                    }));
                }
                List<Long> all = new ArrayList<>();
                for (Future<List<Long>> result : results) {
                    all.addAll(result.get());
                }
                assertThat(all).containsExactlyInAnyOrderElementsOf(
                        LongStream.rangeClosed(1, (long) clerks * each).boxed().toList());
            }
            List<Long> stored = invoices.recorder().read(DcbQuery.all()).stream()
                    .map(event -> ((InvoiceCreated) invoices.payload(event)).number()).toList();
            assertThat(stored).as("numbers in position order")
                    .isEqualTo(LongStream.rangeClosed(1, (long) clerks * each).boxed().toList());
        }
    }
}
