package io.eventsourcing.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Checks that a Markdown document's Java blocks are copies of tagged regions of source files. A block
 * is announced by the line {@code <!-- snippet: NAME -->} (blank lines may follow it); the region is
 * the lines between {@code // tag::NAME[]} and {@code // end::NAME[]}, without other tag lines nested
 * in it, with their common indentation removed.
 */
final class Snippets {
    private static final Pattern MARKER = Pattern.compile("<!--\\s*snippet:\\s*([\\w.-]+)\\s*-->");
    private static final Pattern TAG = Pattern.compile("//\\s*(tag|end)::([\\w.-]+)\\[]");

    /** A tagged region: where it is and its text. */
    record Region(String name, String source, int line, String text) {}

    /** A fenced Java block of the document: the line its text starts on, its snippet name, its text. */
    record Block(int line, String name, String text) {}

    private Snippets() {}

    /** The tagged regions of the {@code .java} files under the roots, by name. */
    static Map<String, Region> regions(List<Path> roots, List<String> problems) {
        Map<String, Region> regions = new LinkedHashMap<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    String text = Files.readString(file);
                    for (Region region : regions(root.relativize(file).toString(), text, problems)) {
                        Region previous = regions.putIfAbsent(region.name(), region);
                        if (previous != null) {
                            problems.add("tag '" + region.name() + "' is defined twice: " + where(previous) + " and "
                                    + where(region));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return regions;
    }

    /** The tagged regions of one source text. */
    static List<Region> regions(String source, String text, List<String> problems) {
        List<String> lines = text.lines().toList();
        Map<String, Integer> open = new LinkedHashMap<>();
        List<Region> regions = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher tag = TAG.matcher(lines.get(i).strip());
            if (!tag.matches()) {
                continue;
            }
            String name = tag.group(2);
            if (tag.group(1).equals("tag")) {
                if (open.putIfAbsent(name, i) != null) {
                    problems.add(source + ":" + (i + 1) + ": tag '" + name + "' opened again before its end");
                }
                continue;
            }
            Integer start = open.remove(name);
            if (start == null) {
                problems.add(source + ":" + (i + 1) + ": end of tag '" + name + "' that was never opened");
                continue;
            }
            List<String> body = lines.subList(start + 1, i).stream()
                    .filter(line -> !TAG.matcher(line.strip()).matches())
                    .toList();
            regions.add(new Region(name, source, start + 2, dedent(body)));
        }
        open.forEach((name, start) ->
                problems.add(source + ":" + (start + 1) + ": tag '" + name + "' is never ended"));
        return regions;
    }

    /** The lines joined with newlines, without their common leading spaces and trailing blanks. */
    static String dedent(List<String> lines) {
        int indent = lines.stream()
                .filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length())
                .min()
                .orElse(0);
        List<String> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            out.add(line.isBlank() ? "" : line.substring(indent).stripTrailing());
        }
        return String.join("\n", out);
    }

    /** The Java blocks of a Markdown document; blocks without a snippet marker are reported. */
    static List<Block> blocks(String document, List<String> problems) {
        List<String> lines = document.lines().toList();
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String fence = lines.get(i).strip();
            if (!fence.startsWith("```")) {
                continue;
            }
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                end++;
            }
            if (end == lines.size()) {
                problems.add("README line " + (i + 1) + ": code block is never closed");
                break;
            }
            if (fence.equals("```java")) {
                String text = String.join("\n", lines.subList(i + 1, end));
                String name = markerBefore(lines, i);
                if (name == null) {
                    problems.add("README line " + (i + 1) + ": java block has no '<!-- snippet: NAME -->' line "
                            + "before it, so nothing checks that it compiles and runs");
                } else {
                    blocks.add(new Block(i + 2, name, text));
                }
            }
            i = end;
        }
        return blocks;
    }

    /**
     * Everything wrong with the document's Java blocks: blocks without a marker, unknown names, and
     * blocks that differ from their region (with a line diff).
     */
    static List<String> check(String document, Map<String, Region> regions, List<String> problems) {
        List<String> all = new ArrayList<>(problems);
        for (Block block : blocks(document, all)) {
            Region region = regions.get(block.name());
            if (region == null) {
                all.add("README line " + block.line() + ": snippet '" + block.name() + "' names no tagged region; "
                        + "known: " + regions.keySet());
            } else if (!region.text().equals(block.text())) {
                all.add("README line " + block.line() + ": snippet '" + block.name() + "' differs from "
                        + where(region) + " ('-' README, '+' source):\n" + diff(block.text(), region.text()));
            }
        }
        return all;
    }

    /** A line diff of two texts: unchanged lines indented, removed with '-', added with '+'. */
    static String diff(String before, String after) {
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        int[][] common = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j))
                        ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                out.append("    ").append(a.get(i++)).append('\n');
                j++;
            } else if (j < b.size() && (i == a.size() || common[i][j + 1] >= common[i + 1][j])) {
                out.append("  + ").append(b.get(j++)).append('\n');
            } else {
                out.append("  - ").append(a.get(i++)).append('\n');
            }
        }
        return out.toString();
    }

    private static @Nullable String markerBefore(List<String> lines, int fence) {
        for (int k = fence - 1; k >= 0; k--) {
            String line = lines.get(k).strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher marker = MARKER.matcher(line);
            return marker.matches() ? marker.group(1) : null;
        }
        return null;
    }

    private static String where(Region region) {
        return region.source() + ":" + region.line();
    }
}
