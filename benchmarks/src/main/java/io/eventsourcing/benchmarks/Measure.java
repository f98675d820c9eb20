package io.eventsourcing.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The side-by-side runner's timing: runs an operation on some threads for a fixed time and counts
 * completed operations and the CPU time spent. Comparisons alternate the two sides in short slices so
 * that drift in the database (a checkpoint, autovacuum, a growing table) falls on both alike.
 */
final class Measure {
    /** The length of one measured slice; each side's time is cut into slices that alternate with the other's. */
    static final long SLICE_NANOS = 250_000_000L;

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private static volatile long sink;

    private Measure() {}

    /** One unit of work; returns anything, which is kept so the work cannot be optimised away. */
    @FunctionalInterface
    interface Op {
        long run() throws Exception;
    }

    /**
     * Operations completed in a time, and the CPU time the benchmark's own threads spent on them (the
     * JVM side only: a database server's work shows in the elapsed time, not here).
     */
    record Sample(long ops, long nanos, long cpuNanos) {
        static final Sample ZERO = new Sample(0, 0, 0);

        Sample plus(Sample other) {
            return new Sample(ops + other.ops, nanos + other.nanos, cpuNanos + other.cpuNanos);
        }

        double cpuMicrosPerOp() {
            return cpuNanos / 1e3 / ops;
        }

        double perSecond() {
            return ops * 1e9 / nanos;
        }

        double millisPerOp() {
            return nanos / 1e6 / ops;
        }
    }

    /**
     * Both sides of a comparison: the totals, and for each pair of adjacent slices the library's rate
     * divided by the baseline's, sorted.
     */
    record Pair(Sample library, Sample raw, double[] sliceRatios) {
        /** The ratio of the totals' rates. */
        double ratio() {
            return library.perSecond() / raw.perSecond();
        }

        /**
         * The same pair with each raw operation counted as {@code rows} operations, for a raw side that
         * writes several rows where the library writes one.
         */
        Pair rawCountedAs(int rows) {
            double[] ratios = new double[sliceRatios.length];
            for (int i = 0; i < ratios.length; i++) {
                ratios[i] = sliceRatios[i] / rows;
            }
            return new Pair(library, new Sample(raw.ops() * rows, raw.nanos(), raw.cpuNanos()), ratios);
        }

        /** The ratio at a quantile (0 to 1) of the paired slices. */
        double sliceRatio(double quantile) {
            double position = quantile * (sliceRatios.length - 1);
            int below = (int) Math.floor(position);
            int above = Math.min(below + 1, sliceRatios.length - 1);
            return sliceRatios[below] + (position - below) * (sliceRatios[above] - sliceRatios[below]);
        }
    }

    /** Measures the library alone: a warm-up, then {@code nanos} of measurement. */
    static Sample library(int threads, long warmupNanos, long nanos, Op library) throws Exception {
        run(threads, warmupNanos, library);
        return run(threads, nanos, library);
    }

    /**
     * Measures the library against the baseline: both warmed up, then {@code nanos} each in slices of
     * {@link #SLICE_NANOS} that alternate raw, library, library, raw, ... so a disturbance (a checkpoint,
     * another process's burst of I/O) falls on both sides alike and shows as a spread of slice ratios.
     */
    static Pair compare(int threads, long warmupNanos, long nanos, Op library, Op raw) throws Exception {
        run(threads, warmupNanos, raw);
        run(threads, warmupNanos, library);
        int rounds = (int) Math.max(2, Math.round((double) nanos / SLICE_NANOS));
        long slice = nanos / rounds;
        Sample lib = Sample.ZERO;
        Sample base = Sample.ZERO;
        double[] ratios = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            Sample l;
            Sample b;
            if (round % 2 == 0) {
                b = run(threads, slice, raw);
                l = run(threads, slice, library);
            } else {
                l = run(threads, slice, library);
                b = run(threads, slice, raw);
            }
            ratios[round] = l.perSecond() / b.perSecond();
            lib = lib.plus(l);
            base = base.plus(b);
        }
        Arrays.sort(ratios);
        return new Pair(lib, base, ratios);
    }

    /**
     * Runs {@code op} on {@code threads} threads until {@code nanos} have passed; the elapsed time runs
     * from the common start to the end of the last operation to finish.
     */
    static Sample run(int threads, long nanos, Op op) throws Exception {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        long[] counts = new long[threads];
        long[] sums = new long[threads];
        long[] cpu = new long[threads];
        AtomicReference<Exception> failure = new AtomicReference<>();
        long[] start = new long[1];
        List<Thread> workers = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            int index = t;
            workers.add(Thread.ofPlatform().name("bench-" + t).start(() -> {
                ready.countDown();
                try {
                    go.await();
                    long cpuStart = CPU.getCurrentThreadCpuTime();
                    long deadline = start[0] + nanos;
                    long count = 0;
                    long sum = 0;
                    while (System.nanoTime() < deadline && failure.get() == null) {
                        sum += op.run();
                        count++;
                    }
                    counts[index] = count;
                    sums[index] = sum;
                    cpu[index] = CPU.getCurrentThreadCpuTime() - cpuStart;
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        ready.await();
        start[0] = System.nanoTime();
        go.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        long elapsed = System.nanoTime() - start[0];
        if (failure.get() != null) {
            throw failure.get();
        }
        long ops = 0;
        long cpuNanos = 0;
        for (int t = 0; t < threads; t++) {
            ops += counts[t];
            cpuNanos += cpu[t];
            sink += sums[t];
        }
        return new Sample(ops, elapsed, cpuNanos);
    }
}
