package io.eventsourcing.postgres.faults;

import io.eventsourcing.postgres.faults.Ledger.Save;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;

/**
 * The ledger compared with the rows stored: which acknowledged saves were lost, which saves reported as
 * failed are stored, which rows no save of the ledger wrote, whether the notification ids have gaps,
 * and how soon the writers recovered after each fault. Shared by the fault suite and the cluster's
 * failover test.
 */
final class LedgerAudit {
    private final Ledger ledger;
    private final Map<UUID, Long> stored;
    private final List<Save> lost = new ArrayList<>();
    private final List<Save> failedButStored = new ArrayList<>();
    private final Map<String, Integer> failures = new TreeMap<>();
    private final List<String> gaps = new ArrayList<>();
    private final long strangers;
    private int acknowledged;
    private int failed;
    private int untold;
    private int untoldStored;

    /**
     * @param stored the notification id of every row stored, by the saved aggregate's id
     */
    LedgerAudit(Ledger ledger, Map<UUID, Long> stored) {
        this.ledger = ledger;
        this.stored = stored;
        for (Save save : ledger.saves()) {
            Long notificationId = stored.get(save.id());
            switch (save.told()) {
                case ACKNOWLEDGED -> {
                    acknowledged++;
                    if (notificationId == null || notificationId != save.notificationId()) {
                        lost.add(save);
                    }
                }
                case FAILED -> {
                    failed++;
                    failures.merge(String.valueOf(save.failure()).replaceAll(":.*", ""), 1, Integer::sum);
                    if (notificationId != null) {
                        failedButStored.add(save);
                    }
                }
                case NOTHING -> {
                    untold++;
                    if (notificationId != null) {
                        untoldStored++;
                    }
                }
            }
        }
        Set<UUID> begun = ledger.saves().stream().map(Save::id).collect(Collectors.toSet());
        strangers = stored.keySet().stream().filter(id -> !begun.contains(id)).count();
        List<Long> ids = stored.values().stream().sorted().toList();
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) != i + 1) {
                gaps.add("position " + (i + 1) + " holds id " + ids.get(i));
                break;
            }
        }
    }

    /** How many saves were acknowledged. */
    int acknowledged() {
        return acknowledged;
    }

    /** The outcomes, one line each, for a report. */
    List<String> outcomes() {
        return List.of(
                String.format(Locale.ROOT, "%d saves begun, %d acknowledged, %d reported failed, %d never answered "
                        + "(writer killed), of which %d stored", ledger.saves().size(), acknowledged, failed, untold,
                        untoldStored),
                "acknowledged saves lost: " + lost.size(),
                "saves reported failed that are stored: " + failedButStored.size() + " of " + failed
                        + (failedButStored.isEmpty() ? "" : " " + examples(failedButStored)),
                "failures reported: " + failures + (failed == 0 ? "" : ", e.g. " + ledger.saves().stream()
                        .filter(save -> save.told() == Ledger.Told.FAILED && !stored.containsKey(save.id()))
                        .map(Save::failure).distinct().limit(3).toList()),
                "rows stored by no save of the ledger: " + strangers,
                "notification ids: " + stored.size() + " rows, " + (gaps.isEmpty() ? "1.." + stored.size()
                        + " without gaps" : "gaps: " + gaps));
    }

    /** Asserts the guarantees: nothing acknowledged lost, nothing failed stored, no strangers, no gaps. */
    void check(SoftAssertions softly) {
        softly.assertThat(lost).as("acknowledged saves lost (not stored, or with another notification id)").isEmpty();
        softly.assertThat(failedButStored).as("saves reported failed that are stored").isEmpty();
        softly.assertThat(strangers).as("rows no writer saved").isZero();
        softly.assertThat(gaps).as("gaps in the notification ids").isEmpty();
    }

    /**
     * How soon after each fault the in-process writers had a save acknowledged.
     *
     * @param lines one line per fault, for a report
     * @param unrecovered the faults after which no save was acknowledged within the limit
     * @param seconds for each recovered fault, seconds from when it began to the first acknowledgement
     */
    record Recoveries(List<String> lines, List<String> unrecovered, List<Double> seconds) {}

    /** The recoveries after the faults, each counted as failed if it took longer than the limit. */
    Recoveries recoveries(List<Fault> faults, Duration limit) {
        List<Save> timeline = ledger.acknowledgedInProcess();
        List<String> lines = new ArrayList<>();
        List<String> unrecovered = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        for (Fault fault : faults) {
            Save first = timeline.stream().filter(save -> save.ended() > fault.ended()).findFirst().orElse(null);
            long lastBefore = timeline.stream().filter(save -> save.ended() < fault.began()).mapToLong(Save::ended)
                    .max().orElse(fault.began());
            if (first == null || first.ended() - fault.began() > limit.toNanos()) {
                unrecovered.add(fault.name());
                continue;
            }
            seconds.add(seconds(first.ended() - fault.began()));
            lines.add(String.format(Locale.ROOT, "%-40s server back after %6.2f s, first save acknowledged "
                    + "%6.2f s after the fault began, no save acknowledged for %6.2f s", fault.name(),
                    seconds(fault.ended() - fault.began()), seconds(first.ended() - fault.began()),
                    seconds(first.ended() - lastBefore)));
        }
        return new Recoveries(lines, unrecovered, seconds);
    }

    /** Prints a report and writes it to {@code target/<file>}. */
    static void report(String file, List<String> lines) throws IOException {
        String report = String.join("\n", lines);
        System.out.println(report);
        Path path = Path.of("target", file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, report + "\n", StandardCharsets.UTF_8);
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static String examples(List<Save> saves) {
        return saves.stream().limit(3).map(save -> save.id() + " (" + save.writer() + ": " + save.failure() + ")")
                .toList().toString();
    }
}
