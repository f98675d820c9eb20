package io.eventsourcing.benchmarks;

import io.eventsourcing.domain.DomainEvent;
import io.eventsourcing.jdbc.GroupCommits;
import io.eventsourcing.jdbc.JdbcApplicationRecorder;
import io.eventsourcing.persistence.ApplicationRecorder;
import io.eventsourcing.persistence.Mapper;
import io.eventsourcing.persistence.Notification;
import io.eventsourcing.persistence.StoredEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/*
 * Why a runner beside JMH: the question asked of the library is a ratio (how close to hand-written
 * JDBC does it get on the same database?), and a ratio is only meaningful when both sides run in the
 * same process, on the same tables, minutes apart at most, under the same disk and CPU weather. JMH
 * forks a JVM per benchmark and per parameter, so its figures for the two sides come from different
 * runs; this runner measures each pair in alternating slices instead and prints the ratio directly.
 * Its timing is simpler than JMH's (no blackhole beyond keeping results, a fixed warm-up), which is
 * adequate for operations that each cost tens of microseconds or more of database work.
 */

/**
 * Measures the library against a raw-JDBC baseline doing the same work on the same tables, backend
 * by backend, and prints one line per figure with the ratio library/baseline.
 *
 * <pre>
 * ./mvnw -q -pl benchmarks -am package -DskipTests exec:java -Dexec.args="memory,sqlite,postgres 3"
 * </pre>
 *
 * Arguments: the backends (comma-separated, default all three), the measured seconds per side per
 * figure (default 3), and optionally {@code axon}: then Axon Framework 4.13's JDBC event store
 * ({@link AxonBench}) is measured against the library too, on SQLite and PostgreSQL, in extra lines
 * named {@code vs Axon: ...} for the one-event save (1 and 16 threads), the command and the load of
 * 1,000 events. Each side is warmed up for two thirds of that (at least a second), then both are
 * measured in quarter-second slices that alternate. Each line gives the ratio of the totals, then the
 * median and interquartile range of the ratios of adjacent slice pairs. A PostgreSQL target is met
 * (or missed) when the whole interquartile range is on the right (wrong) side of its bound, and
 * inconclusive otherwise: a disturbance hitting some slices (another process's I/O, a checkpoint, CPU
 * stolen by the hypervisor, all printed per backend) then weighs more than the code under test.
 */
public final class SideBySide {
    private static final int PAGE = 100;
    private static final int BATCH = 100;
    private static final int LOAD_EVENTS = 1_000;
    private static final int COMMAND_ACCOUNTS = 1_000;

    private final long warmupNanos;
    private final long nanos;
    private final boolean axon;
    private final List<String> verdicts = new ArrayList<>();

    private SideBySide(double seconds, boolean axon) {
        this.nanos = (long) (seconds * 1e9);
        this.warmupNanos = Math.max(1_000_000_000L, nanos * 2 / 3);
        this.axon = axon;
    }

    /** Runs the comparison; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        List<Backend> backends = Backend.parseList(args);
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("seconds per figure must be above 0, was " + args[1]);
        }
        boolean axon = false;
        for (int i = 2; i < args.length; i++) {
            if (!args[i].strip().equalsIgnoreCase("axon")) {
                throw new IllegalArgumentException("argument " + (i + 1) + " '" + args[i] + "' is not one of: axon");
            }
            axon = true;
        }
        if (axon) {
            // Axon 4.13 prints an advertisement for its monitoring service at start-up unless told not to.
            System.setProperty("disable-axoniq-console-message", "true");
        }
        SideBySide runner = new SideBySide(seconds, axon);
        warmUpMapper();
        System.out.printf(Locale.ROOT, "eventsourcing side by side, %s, Java %s, %d cores, %.1f s per side per figure "
                + "(+%.1f s warm-up), ratios are library/raw in one run%n", LocalDate.now(),
                Runtime.version(), Runtime.getRuntime().availableProcessors(), seconds, runner.warmupNanos / 1e9);
        System.out.println("lib/raw: ratio of the totals (time figures: library time / raw time), then the median "
                + "[interquartile range] of the ratios of adjacent quarter-second slices.");
        System.out.println("JVM CPU: CPU time of the benchmark's threads per operation, library|raw (the database "
                + "server's own work is not in it).");
        if (axon) {
            System.out.println("vs Axon: lines so named have Axon Framework 4.13 (JdbcEventStorageEngine, command "
                    + "gateway, JacksonSerializer) in the raw JDBC column, and their ratio is library/Axon.");
        }
        for (Backend backend : backends) {
            runner.run(backend);
        }
        System.out.println();
        System.out.println("load average at the end: " + Weather.loadAverage());
        if (!runner.verdicts.isEmpty()) {
            System.out.println();
            System.out.println("targets:");
            runner.verdicts.forEach(v -> System.out.println("  " + v));
        }
    }

    /**
     * Gets the JIT to compile the mapper's encode and decode paths before anything is measured, so the
     * first figures of the first backend are not taken with interpreted JSON code.
     */
    private static void warmUpMapper() {
        Mapper mapper = Mapper.standard();
        UUID id = UUID.randomUUID();
        long sum = 0;
        for (int i = 0; i < 200_000; i++) {
            DomainEvent event = new DomainEvent(id, 2, Instant.now(), new Account.Credited(i, "ref-" + i));
            sum += mapper.toDomainEvent(mapper.toStoredEvent(event, null)).originatorVersion();
        }
        if (sum != 400_000) {
            throw new IllegalStateException("the mapper did not round-trip: " + sum);
        }
    }

    private void run(Backend backend) throws Exception {
        Weather weather = Weather.observe();
        try (Fixture fixture = Fixture.open(backend, axon && backend != Backend.MEMORY)) {
            Bench app = fixture.app();
            Rows rows = fixture.rows();
            @Nullable RawJdbc raw = fixture.hasRaw() ? fixture.raw() : null;
            @Nullable AxonBench axonBench = fixture.axon();
            System.out.println();
            System.out.println(backend.label() + ": " + (raw == null ? "in-memory recorders, no baseline" : raw.describe())
                    + "; stored events of " + rows.creditedSize() + " bytes; load average " + Weather.loadAverage());
            if (axonBench != null) {
                System.out.println(backend.label() + ": " + axonBench.describe() + ", warming up for "
                        + String.format(Locale.ROOT, "%.1f s", 3 * warmupNanos / 1e9));
                axonBench.warmUp(warmupNanos);
            } else if (axon) {
                System.out.println(backend.label() + ": Axon is measured on sqlite and postgres only");
            }
            System.out.printf(Locale.ROOT, "%-9s %-52s %18s %18s %-31s %15s  %s%n", "backend", "figure", "library",
                    "raw JDBC", "lib/raw  slices: median [IQR]", "JVM CPU lib|raw", "target");

            boolean postgres = backend == Backend.POSTGRES;
            double[] saveRates = new double[17];
            for (int threads : new int[] {1, 4, 16}) {
                String name = "save, " + threads + (threads == 1 ? " thread" : " threads") + " (1 event/tx)";
                @Nullable GroupCommits groupsBefore = groupCommits(app);
                Measure.Pair locked = figure(backend, raw == null ? name : name + ", raw with the lock", threads,
                        Kind.EVENTS, 1,
                        () -> app.openAccount(UUID.randomUUID()).size(),
                        raw == null ? null : () -> raw.insert(List.of(rows.opened(UUID.randomUUID()))),
                        threads == 1 && backend == Backend.SQLITE
                                ? new Target("SQLite save 1 thread >= 1.0x raw with the lock", 1.0, true) : null);
                saveRates[threads] = locked.library().perSecond();
                if (axonBench != null && threads != 4) {
                    figure(backend, "vs Axon: " + name, threads, Kind.EVENTS, 1,
                            () -> app.openAccount(UUID.randomUUID()).size(),
                            () -> axonBench.openAccount(UUID.randomUUID()), null);
                }
                if (postgres && raw != null) {
                    figure(backend, name + ", raw without lock", threads, Kind.EVENTS, 1,
                            () -> app.openAccount(UUID.randomUUID()).size(),
                            () -> raw.insertUnlocked(List.of(rows.opened(UUID.randomUUID()))),
                            threads == 1 ? new Target("save 1 thread >= 1.2x raw BEGIN/INSERT/COMMIT without lock", 1.2,
                                    true)
                                    : threads == 4 ? new Target("save 4 threads >= 1.5x raw without lock at 4 threads",
                                            1.5, true) : null);
                    if (threads == 1) {
                        figure(backend, name + ", raw autocommit INSERT", threads, Kind.EVENTS, 1,
                                () -> app.openAccount(UUID.randomUUID()).size(),
                                () -> raw.insertUnlockedAutocommit(List.of(rows.opened(UUID.randomUUID()))), null);
                    }
                }
                if (raw != null && threads > 1) {
                    // With callers that save again as soon as they are answered, the library's groups hold
                    // about half the threads (see printGroupSize): the raw side writing transactions of that
                    // many rows under the same lock shows what the database allows for groups of that size.
                    int perTransaction = threads / 2;
                    figure(backend, name + ", raw gap-free, " + perTransaction + " rows/tx", threads, Kind.EVENTS, 1,
                            perTransaction, () -> app.openAccount(UUID.randomUUID()).size(),
                            () -> raw.insert(newAccounts(rows, perTransaction)), null);
                }
                printGroupSize(backend, threads, groupsBefore, groupCommits(app));
            }
            double scaling = saveRates[16] / saveRates[1];
            System.out.printf(Locale.ROOT, "%-9s %-52s %18s%n", backend.label(), "save: 16 threads / 1 thread",
                    String.format(Locale.ROOT, "%.2fx", scaling));
            if (postgres) {
                verdicts.add(String.format(Locale.ROOT, "%-9s %-56s %.2fx: %s", "postgres",
                        "save 16 threads >= 3x the library's 1 thread", scaling, scaling >= 3 ? "met" : "MISSED"));
            }
            figure(backend, "append 100: save(aggregate, 100 pending)", 1, Kind.EVENTS, BATCH,
                    () -> app.openAccountWithEvents(UUID.randomUUID(), BATCH).size(),
                    raw == null ? null : () -> raw.insert(rows.account(UUID.randomUUID(), BATCH)),
                    postgres ? new Target("batch-100 append >= 0.9x raw multi-row insert", 0.9, true) : null);
            ApplicationRecorder recorder = app.recorder();
            figure(backend, "append 100: recorder.insertEvents", 1, Kind.EVENTS, BATCH,
                    () -> recorder.insertEvents(rows.account(UUID.randomUUID(), BATCH)).size(),
                    raw == null ? null : () -> raw.insert(rows.account(UUID.randomUUID(), BATCH)), null);

            Account[] accounts = new Account[COMMAND_ACCOUNTS];
            for (int i = 0; i < accounts.length; i++) {
                accounts[i] = Account.open(UUID.randomUUID(), "owner-" + i);
            }
            app.save(accounts);
            AtomicInteger next = new AtomicInteger();
            figure(backend, "command: get + 1 event + save", 1, Kind.COMMANDS, 1,
                    () -> {
                        app.credit(accounts[Math.floorMod(next.getAndIncrement(), accounts.length)].id(), 100);
                        return 1;
                    },
                    raw == null ? null : () -> raw.command(
                            accounts[Math.floorMod(next.getAndIncrement(), accounts.length)].id(), rows),
                    postgres ? new Target("command >= 1.0x raw (select, insert the next version)", 1.0, true) : null);
            if (axonBench != null) {
                UUID[] axonAccounts = new UUID[COMMAND_ACCOUNTS];
                for (int i = 0; i < axonAccounts.length; i++) {
                    axonAccounts[i] = UUID.randomUUID();
                    axonBench.openAccount(axonAccounts[i]);
                }
                AtomicInteger axonNext = new AtomicInteger();
                figure(backend, "vs Axon: command: get + 1 event + save", 1, Kind.COMMANDS, 1,
                        () -> {
                            app.credit(accounts[Math.floorMod(next.getAndIncrement(), accounts.length)].id(), 100);
                            return 1;
                        },
                        () -> axonBench.credit(axonAccounts[Math.floorMod(axonNext.getAndIncrement(),
                                axonAccounts.length)], 100),
                        postgres ? new Target("command >= 1.5x Axon", 1.5, true) : null);
            }

            if (backend == Backend.MEMORY) {
                commandWithCache();
            }

            UUID plain = fixture.accountWithEvents(app, LOAD_EVENTS);
            figure(backend, "load 1,000 events, no snapshot", 1, Kind.TIME, 1,
                    () -> app.account(plain).credits(),
                    raw == null ? null : () -> raw.selectEvents(plain),
                    postgres ? new Target("load of 1,000 events <= 2x the raw select", 2.0, false) : null);
            if (axonBench != null) {
                UUID axonPlain = UUID.randomUUID();
                axonBench.openAccountWithEvents(axonPlain, LOAD_EVENTS);
                figure(backend, "vs Axon: load 1,000 events, no snapshot", 1, Kind.TIME, 1,
                        () -> app.account(plain).credits(),
                        () -> axonBench.credits(axonPlain), null);
            }
            Bench snapshotting = fixture.snapshotting();
            UUID snapshotted = fixture.accountWithEvents(snapshotting, LOAD_EVENTS);
            snapshotting.takeSnapshot(snapshotted);
            figure(backend, "load 1,000 events, snapshot at 1,000", 1, Kind.TIME, 1,
                    () -> snapshotting.account(snapshotted).credits(),
                    raw == null ? null : () -> raw.selectEvents(snapshotted), null);

            long max = recorder.maxNotificationId();
            Mapper mapper = app.mapper();
            AtomicLong libraryPage = new AtomicLong();
            AtomicLong rawPage = new AtomicLong();
            figure(backend, "notifications, pages of 100, decoded", 1, Kind.EVENTS, PAGE,
                    () -> {
                        long sum = 0;
                        for (Notification n : recorder.selectNotifications(start(libraryPage, max), PAGE)) {
                            DomainEvent event = mapper.toDomainEvent(n.toStoredEvent());
                            sum += event.originatorVersion();
                        }
                        return sum;
                    },
                    raw == null ? null : () -> raw.selectNotifications(start(rawPage, max), PAGE),
                    postgres ? new Target("notification read with decoding >= 0.8x the raw select", 0.8, true)
                            : new Target("SQLite notification read with decoding >= 0.6x the raw select", 0.6, true));
            System.out.println("while measuring " + backend.label() + ": " + weather.report());
        }
    }

    /**
     * The in-memory command with the aggregate cache on (AGGREGATE_CACHE_MAXSIZE): what "memory speed"
     * means for get + one event + save, where the uncached figure replays every account's growing history.
     */
    private void commandWithCache() throws Exception {
        try (Bench cached = new Bench(Map.of("PERSISTENCE_MODULE", "memory", "AGGREGATE_CACHE_MAXSIZE",
                String.valueOf(COMMAND_ACCOUNTS)))) {
            Account[] accounts = new Account[COMMAND_ACCOUNTS];
            for (int i = 0; i < accounts.length; i++) {
                accounts[i] = Account.open(UUID.randomUUID(), "owner-" + i);
            }
            cached.save(accounts);
            AtomicInteger next = new AtomicInteger();
            Measure.Pair pair = figure(Backend.MEMORY, "command, aggregate cache on", 1, Kind.COMMANDS, 1, () -> {
                cached.credit(accounts[Math.floorMod(next.getAndIncrement(), accounts.length)].id(), 100);
                return 1;
            }, null, null);
            double rate = pair.library().perSecond();
            verdicts.add(String.format(Locale.ROOT, "%-9s %-56s %,.0f/s: %s", "memory",
                    "command with the cache >= 400,000/s on one thread", rate, rate >= 400_000 ? "met" : "MISSED"));
        }
    }

    /** The next page's first id, cycling through the whole log. */
    private static long start(AtomicLong page, long max) {
        long pages = Math.max(1, (max - PAGE) / PAGE);
        return Math.floorMod(page.getAndIncrement(), pages) * PAGE + 1;
    }

    private enum Kind {
        /** Events recorded or read per second, higher is better. */
        EVENTS("events/s"),
        /** Commands per second, higher is better. */
        COMMANDS("commands/s"),
        /** Milliseconds per operation, lower is better. */
        TIME("ms");

        final String unit;

        Kind(String unit) {
            this.unit = unit;
        }
    }

    /** A target ratio for PostgreSQL. */
    private record Target(String text, double bound, boolean atLeast) {
        boolean met(double ratio) {
            return atLeast ? ratio >= bound : ratio <= bound;
        }
    }

    private Measure.Pair figure(Backend backend, String name, int threads, Kind kind, int eventsPerOp,
            Measure.Op library, Measure.@Nullable Op raw, @Nullable Target target) throws Exception {
        return figure(backend, name, threads, kind, eventsPerOp, 1, library, raw, target);
    }

    /** As above, with a raw side that writes {@code rawRowsPerOp} rows where the library writes one event. */
    private Measure.Pair figure(Backend backend, String name, int threads, Kind kind, int eventsPerOp,
            int rawRowsPerOp, Measure.Op library, Measure.@Nullable Op raw, @Nullable Target target)
            throws Exception {
        String libraryText;
        String rawText = "-";
        String ratioText = "-";
        String cpuText;
        String targetText = "";
        Measure.Pair pair;
        if (raw == null) {
            Measure.Sample lib = Measure.library(threads, warmupNanos, nanos, library);
            pair = new Measure.Pair(lib, lib, new double[] {1});
            libraryText = format(kind, lib, eventsPerOp);
            cpuText = String.format(Locale.ROOT, "%.0f us", lib.cpuMicrosPerOp());
        } else {
            pair = Measure.compare(threads, warmupNanos, nanos, library, raw).rawCountedAs(rawRowsPerOp);
            libraryText = format(kind, pair.library(), eventsPerOp);
            rawText = format(kind, pair.raw(), eventsPerOp);
            cpuText = String.format(Locale.ROOT, "%.0f|%.0f us", pair.library().cpuMicrosPerOp(),
                    pair.raw().cpuMicrosPerOp());
            boolean time = kind == Kind.TIME;
            // Time figures invert the rate ratios: a load that takes twice as long is 2.00x time.
            double ratio = time ? 1 / pair.ratio() : pair.ratio();
            double median = time ? 1 / pair.sliceRatio(0.5) : pair.sliceRatio(0.5);
            double low = time ? 1 / pair.sliceRatio(0.75) : pair.sliceRatio(0.25);
            double high = time ? 1 / pair.sliceRatio(0.25) : pair.sliceRatio(0.75);
            ratioText = String.format(Locale.ROOT, "%.2fx %s  %.2f [%.2f-%.2f]", ratio, time ? "time" : "rate",
                    median, low, high);
            if (target != null) {
                String verdict = target.met(low) && target.met(high) ? "met"
                        : !target.met(low) && !target.met(high) ? "MISSED"
                        : "inconclusive (" + (target.met(median) ? "met" : "missed") + " at the median)";
                targetText = String.format(Locale.ROOT, "%s %.1fx %s", target.atLeast() ? ">=" : "<=", target.bound(),
                        verdict);
                verdicts.add(String.format(Locale.ROOT, "%-9s %-56s median %.2fx [IQR %.2f-%.2f], totals %.2fx: %s",
                        backend.label(), target.text(), median, low, high, ratio, verdict));
            }
        }
        System.out.printf(Locale.ROOT, "%-9s %-52s %18s %18s %-31s %15s  %s%n", backend.label(), name, libraryText,
                rawText, ratioText, cpuText, targetText);
        return pair;
    }

    /** The opening events of {@code count} new accounts, for one transaction. */
    private static List<StoredEvent> newAccounts(Rows rows, int count) {
        List<StoredEvent> opened = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            opened.add(rows.opened(UUID.randomUUID()));
        }
        return opened;
    }

    /** The group committer's statistics, where the backend has one (the SQL backends). */
    private static @Nullable GroupCommits groupCommits(Bench app) {
        return app.recorder() instanceof JdbcApplicationRecorder recorder ? recorder.groupCommits() : null;
    }

    /**
     * Prints how many saves the library's groups held on average over the figures of one thread count:
     * with callers that save again as soon as they are answered, a group is what queued while the one
     * before was written, so two groups in a row hold about as many saves as there are threads.
     */
    private static void printGroupSize(Backend backend, int threads, @Nullable GroupCommits before,
            @Nullable GroupCommits after) {
        if (before == null || after == null || after.groups() == before.groups()) {
            return;
        }
        double size = (after.inserts() - before.inserts()) / (double) (after.groups() - before.groups());
        System.out.printf(Locale.ROOT, "%-9s %-52s %18s%n", backend.label(),
                "  the library's groups at " + threads + (threads == 1 ? " thread" : " threads"),
                String.format(Locale.ROOT, "%.1f saves", size));
    }

    private static String format(Kind kind, Measure.Sample sample, int eventsPerOp) {
        return kind == Kind.TIME ? String.format(Locale.ROOT, "%.3f %s", sample.millisPerOp(), kind.unit)
                : String.format(Locale.ROOT, "%,.0f %s", sample.perSecond() * eventsPerOp, kind.unit);
    }
}
