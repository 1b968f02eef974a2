package org.example.mailtrace.exim;

import java.util.HashMap;
import java.util.Map;

import dev.mailtrace.event.Client;

/**
 * The {@code KEY=value} part of an Exim log line ({@code H=mx.example.org [192.0.2.1]:25 P=esmtps
 * S=4127 id=abc@example.org C="250 OK"}). A value runs to the next {@code " KEY="}, so that
 * {@code H=} values with spaces stay whole; quoted values ({@code C="..."}) end at their closing
 * quote.
 */
final class EximFields {

    private final Map<String, String> values = new HashMap<>();

    private EximFields() {
    }

    static EximFields parse(String text) {
        EximFields f = new EximFields();
        int i = nextKey(text, 0);
        while (i >= 0) {
            int eq = text.indexOf('=', i);
            String key = text.substring(i, eq);
            int start = eq + 1;
            int end;
            if (start < text.length() && text.charAt(start) == '"') {
                int close = closingQuote(text, start + 1);
                f.values.put(key, text.substring(start + 1, close).replace("\\\"", "\""));
                end = Math.min(text.length(), close + 1);
            } else {
                int next = nextKey(text, start);
                end = next < 0 ? text.length() : next - 1;
                f.values.put(key, text.substring(start, end).trim());
            }
            i = nextKey(text, end);
        }
        return f;
    }

    /** Start of the next {@code KEY=} (1 to 3 letters or {@code id}) at a word start, from {@code from}. */
    private static int nextKey(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (i > 0 && s.charAt(i - 1) != ' ') {
                continue;
            }
            int j = i;
            while (j < s.length() && j - i < 3 && Character.isLetter(s.charAt(j))) {
                j++;
            }
            if (j > i && j < s.length() && s.charAt(j) == '=') {
                return i;
            }
        }
        return -1;
    }

    private static int closingQuote(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) == '\\') {
                i++;
            } else if (s.charAt(i) == '"') {
                return i;
            }
        }
        return s.length();
    }

    String get(String key) {
        return values.get(key);
    }

    long number(String key) {
        String v = values.get(key);
        if (v == null) {
            return -1;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** {@code H=name (helo) [ip]:port} as a client; null without {@code H=}. */
    Client host() {
        String h = values.get("H");
        if (h == null) {
            return null;
        }
        String name = null;
        String ip = null;
        int port = -1;
        int open = h.indexOf('[');
        int close = h.indexOf(']', open + 1);
        if (open >= 0 && close > open) {
            ip = h.substring(open + 1, close);
            if (close + 1 < h.length() && h.charAt(close + 1) == ':') {
                try {
                    port = Integer.parseInt(h.substring(close + 2).split(" ")[0]);
                } catch (NumberFormatException e) {
                    port = -1;
                }
            }
        }
        String before = (open >= 0 ? h.substring(0, open) : h).trim();
        if (!before.isEmpty() && before.charAt(0) != '(') {
            name = before.split(" ")[0];
        }
        return new Client(name, ip, port);
    }

    /** The HELO name in {@code H=name (helo) [ip]}, or null. */
    String helo() {
        String h = values.get("H");
        if (h == null) {
            return null;
        }
        int open = h.indexOf('(');
        int close = h.indexOf(')', open + 1);
        return open >= 0 && close > open ? h.substring(open + 1, close) : null;
    }
}
