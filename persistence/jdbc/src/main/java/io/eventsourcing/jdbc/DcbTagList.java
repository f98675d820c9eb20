package io.eventsourcing.jdbc;

import java.util.ArrayList;
import java.util.List;

/**
 * An event's tags as one text column, for the databases without arrays: the tags in their order, each
 * with backslashes and line feeds escaped, joined by line feeds. Only read back; queries use the tag
 * index table.
 */
final class DcbTagList {
    private DcbTagList() {}

    static String encode(List<String> tags) {
        StringBuilder text = new StringBuilder();
        for (String tag : tags) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            for (int i = 0; i < tag.length(); i++) {
                char c = tag.charAt(i);
                switch (c) {
                    case '\\' -> text.append("\\\\");
                    case '\n' -> text.append("\\n");
                    default -> text.append(c);
                }
            }
        }
        return text.toString();
    }

    static List<String> decode(String text) {
        List<String> tags = new ArrayList<>();
        if (text.isEmpty()) {
            return tags;
        }
        StringBuilder tag = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                tags.add(tag.toString());
                tag.setLength(0);
            } else if (c == '\\' && i + 1 < text.length()) {
                tag.append(text.charAt(++i) == 'n' ? '\n' : text.charAt(i));
            } else {
                tag.append(c);
            }
        }
        tags.add(tag.toString());
        return tags;
    }
}
