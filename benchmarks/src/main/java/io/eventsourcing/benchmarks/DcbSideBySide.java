package io.eventsourcing.benchmarks;

import io.eventsourcing.dcb.DcbQuery;
import io.eventsourcing.dcb.DcbRecorder;
import io.eventsourcing.dcb.Tags;
import io.eventsourcing.jdbc.JdbcFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/*
 * The DCB figures of issue 12, each a ratio measured in one run as SideBySide measures its own (the two
 * sides in alternating quarter-second slices, see Measure): a conditional one-event append against an
 * unconditional one on the same store, and sixteen writers appending on disjoint tags against sixteen
 * writers saving new aggregates, each into a store holding the same number of events (so that both sides'
 * indexes are as big, and as far from fitting the database's cache). The third figure has no other side: the time of a tag query returning
 * 100 events out of a store of a million, against the bound of 5 ms.
 */

/**
 * The DCB benchmarks, backend by backend:
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.eventsourcing.benchmarks.DcbSideBySide postgres 3
 * </pre>
 *
 * Arguments: the backends (comma-separated, default all three), the measured seconds per side per figure
 * (default 3), and the number of events stored for the tag query (default 1,000,000, in accounts of 100
 * events each). PostgreSQL's tables are emptied first; loading a million events there takes minutes.
 */
public final class DcbSideBySide {
    private static final int EVENTS_PER_ACCOUNT = 100;
    private static final int LOAD_BATCH = 1_000;

    private final long warmupNanos;
    private final long nanos;
    private final int stored;
    private final List<String> verdicts = new ArrayList<>();

    private DcbSideBySide(double seconds, int stored) {
        this.nanos = (long) (seconds * 1e9);
        this.warmupNanos = Math.max(1_000_000_000L, nanos * 2 / 3);
        this.stored = stored;
    }

    /** Runs the figures; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        List<Backend> backends = Backend.parseList(args);
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        int stored = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        if (!(seconds > 0) || stored < EVENTS_PER_ACCOUNT) {
            throw new IllegalArgumentException("seconds must be above 0 and stored events at least "
                    + EVENTS_PER_ACCOUNT);
        }
        DcbSideBySide runner = new DcbSideBySide(seconds, stored);
        System.out.printf(Locale.ROOT, "eventsourcing DCB side by side, %s, Java %s, %d cores, %.1f s per side per "
                + "figure (+%.1f s warm-up)%n", LocalDate.now(), Runtime.version(),
                Runtime.getRuntime().availableProcessors(), seconds, runner.warmupNanos / 1e9);
        for (Backend backend : backends) {
            runner.run(backend);
        }
        System.out.println();
        System.out.println("load average at the end: " + Weather.loadAverage());
        if (!runner.verdicts.isEmpty()) {
            System.out.println();
            System.out.println("targets on PostgreSQL:");
            runner.verdicts.forEach(v -> System.out.println("  " + v));
        }
    }

    private void run(Backend backend) throws Exception {
        backend.reset();
        Path directory = Files.createTempDirectory("eventsourcing-dcb-bench-");
        Weather weather = Weather.observe();
        try (DcbBench dcb = new DcbBench(backend.env(directory, false, Fixture.POOL_SIZE));
                Bench aggregates = new Bench(backend.env(directory, false, Fixture.POOL_SIZE))) {
            if (backend == Backend.POSTGRES) {
                ((JdbcFactory) dcb.factory()).datastore().write("truncate", connection -> {
                    try (var statement = connection.createStatement()) {
                        statement.execute("TRUNCATE " + ((JdbcFactory) dcb.factory()).dcbTables().events() + ", "
                                + ((JdbcFactory) dcb.factory()).dcbTables().tags());
                    }
                    return null;
                });
            }
            System.out.println();
            System.out.println(backend.label() + ": load average " + Weather.loadAverage());
            System.out.printf(Locale.ROOT, "%-9s %-58s %16s %16s %-27s  %s%n", "backend", "figure", "first",
                    "second", "first/second  median [IQR]", "target");

            UUID[] accounts = load(backend, dcb);
            loadAggregates(backend, aggregates, accounts.length);
            DcbRecorder recorder = dcb.recorder();
            Measure.Op tagQuery = () -> {
                UUID account = accounts[ThreadLocalRandom.current().nextInt(accounts.length)];
                int read = recorder.read(DcbQuery.tags(Tags.of("account", account))).size();
                if (read != EVENTS_PER_ACCOUNT) {
                    throw new IllegalStateException("read " + read + " events of " + account);
                }
                return read;
            };
            String count = String.format(Locale.ROOT, "%,d", recorder.head());
            if (backend == Backend.POSTGRES) {
                single(backend, "tag query: 100 of " + count + " events, just loaded", tagQuery, null);
                vacuum(dcb);
                single(backend, "tag query: the same after VACUUM ANALYZE", tagQuery, 5.0);
            } else {
                single(backend, "tag query: 100 of " + count + " events, read", tagQuery, null);
            }
            single(backend, "tag query: the same, decided (read, decode, fold)", () -> dcb.balance(
                    accounts[ThreadLocalRandom.current().nextInt(accounts.length)]), null);

            pair(backend, "append 1 event: conditional / unconditional", 1,
                    () -> dcb.open(UUID.randomUUID()), () -> dcb.openUnconditionally(UUID.randomUUID()),
                    "conditional one-event append >= 0.9x unconditional", 0.9);
            pair(backend, "16 writers: DCB append on own tag / aggregate save", 16,
                    () -> dcb.open(UUID.randomUUID()), () -> aggregates.openAccount(UUID.randomUUID()).size(),
                    "16 writers on disjoint tags >= 1.0x aggregate saves", 1.0);
            System.out.println("while measuring " + backend.label() + ": " + weather.report());
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /**
     * Vacuums and analyzes the DCB tables, as autovacuum does some time after a bulk load: it marks the
     * tag table's pages all-visible, so its key is read by an index-only scan.
     */
    private static void vacuum(DcbBench dcb) throws java.sql.SQLException {
        JdbcFactory factory = (JdbcFactory) dcb.factory();
        try (var connection = factory.datastore().dataSource().getConnection();
                var statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute("VACUUM ANALYZE " + factory.dcbTables().events());
            statement.execute("VACUUM ANALYZE " + factory.dcbTables().tags());
        }
    }

    /** Appends the accounts' events, 100 per account, in batches of 1,000; returns the accounts. */
    private UUID[] load(Backend backend, DcbBench dcb) {
        UUID[] accounts = new UUID[stored / EVENTS_PER_ACCOUNT];
        for (int a = 0; a < accounts.length; a++) {
            accounts[a] = UUID.randomUUID();
        }
        long start = System.nanoTime();
        List<Object> batch = new ArrayList<>(LOAD_BATCH);
        // Interleaved as a live system records them: event i of every account, then event i + 1.
        for (int i = 0; i < EVENTS_PER_ACCOUNT; i++) {
            for (UUID account : accounts) {
                batch.add(new DcbBench.Credited(account, 100 + i, "ref-" + i));
                if (batch.size() == LOAD_BATCH) {
                    dcb.appendUnconditionally(batch.toArray());
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            dcb.appendUnconditionally(batch.toArray());
        }
        System.out.printf(Locale.ROOT, "%-9s loaded %,d events in %.1f s%n", backend.label(),
                (long) accounts.length * EVENTS_PER_ACCOUNT, (System.nanoTime() - start) / 1e9);
        return accounts;
    }

    /**
     * Fills the aggregates' store as the DCB store was filled ({@code accounts} accounts of
     * {@link #EVENTS_PER_ACCOUNT} events), so that the writers of both sides insert into tables and
     * indexes of the same size.
     */
    private static void loadAggregates(Backend backend, Bench aggregates, int accounts) {
        long start = System.nanoTime();
        for (int a = 0; a < accounts; a++) {
            aggregates.openAccountWithEvents(UUID.randomUUID(), EVENTS_PER_ACCOUNT);
        }
        System.out.printf(Locale.ROOT, "%-9s loaded %,d events into the aggregates' store in %.1f s%n", backend.label(),
                (long) accounts * EVENTS_PER_ACCOUNT, (System.nanoTime() - start) / 1e9);
    }

    private void single(Backend backend, String name, Measure.Op op, Double boundMillis) throws Exception {
        Measure.Sample sample = Measure.library(1, warmupNanos, nanos, op);
        String target = "";
        if (boundMillis != null && backend == Backend.POSTGRES) {
            String verdict = sample.millisPerOp() < boundMillis ? "met" : "MISSED";
            target = String.format(Locale.ROOT, "< %.0f ms %s", boundMillis, verdict);
            verdicts.add(String.format(Locale.ROOT, "%-56s %.3f ms per query: %s", "tag query of 100 in "
                    + String.format(Locale.ROOT, "%,d", stored) + " events < 5 ms", sample.millisPerOp(), verdict));
        }
        System.out.printf(Locale.ROOT, "%-9s %-58s %13.3f ms %16s %-27s  %s%n", backend.label(), name,
                sample.millisPerOp(), "-", "-", target);
    }

    private void pair(Backend backend, String name, int threads, Measure.Op first, Measure.Op second,
            String targetText, double bound) throws Exception {
        Measure.Pair pair = Measure.compare(threads, warmupNanos, nanos, first, second);
        double low = pair.sliceRatio(0.25);
        double median = pair.sliceRatio(0.5);
        double high = pair.sliceRatio(0.75);
        String target = "";
        if (backend == Backend.POSTGRES) {
            String verdict = low >= bound && high >= bound ? "met" : low < bound && high < bound ? "MISSED"
                    : "inconclusive (" + (median >= bound ? "met" : "missed") + " at the median)";
            target = String.format(Locale.ROOT, ">= %.1fx %s", bound, verdict);
            verdicts.add(String.format(Locale.ROOT, "%-56s median %.2fx [IQR %.2f-%.2f], totals %.2fx: %s",
                    targetText, median, low, high, pair.ratio(), verdict));
        }
        System.out.printf(Locale.ROOT, "%-9s %-58s %13.0f /s %13.0f /s %.2fx  %.2f [%.2f-%.2f]  %s%n",
                backend.label(), name, pair.library().perSecond(), pair.raw().perSecond(), pair.ratio(), median, low,
                high, target);
    }
}
