package io.junction.core.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * The one rule for request paths, applied by both engines before routing so that a path cannot
 * dodge a route by spelling it differently ({@code /public/../admin}, {@code /%2e%2e/admin},
 * {@code //admin}). {@link #normalize} gives the form the backend receives: unreserved characters
 * percent-decoded (RFC 3986 2.3), other escapes in upper-case hex, empty segments merged, dot
 * segments removed (RFC 3986 5.2.4, never above the root). {@code %2F} stays an escape, never a
 * separator. {@code %00} and escapes that are not valid UTF-8 (overlong forms included) are refused.
 * {@link #routable} gives what routes match: the normalised path decoded, except {@code %2F} and {@code %25}.
 */
public final class RequestPath {

    private static final String UNRESERVED_PUNCTUATION = "-._~";

    private RequestPath() {
    }

    /**
     * @param raw the path of a request target as received (no query), starting with {@code /}
     * @throws BadPathException for {@code %00}, a malformed escape or escapes that are not UTF-8
     */
    public static String normalize(String raw) {
        String decoded = decodeUnreserved(raw);
        Deque<String> segments = new ArrayDeque<>();
        boolean directory = false;
        for (String segment : decoded.split("/", -1)) {
            directory = segment.isEmpty() || segment.equals(".") || segment.equals("..");
            if (segment.equals("..")) {
                segments.pollLast();
            } else if (!directory) {
                segments.addLast(segment);
            }
        }
        StringBuilder path = new StringBuilder(decoded.length() + 1);
        for (String segment : segments) {
            path.append('/').append(segment);
        }
        if (path.length() == 0 || directory) {
            path.append('/');
        }
        return path.toString();
    }

    /** What routes match: {@code normalized} percent-decoded as UTF-8, except {@code %2F} and {@code %25}. */
    public static String routable(String normalized) {
        if (normalized.indexOf('%') < 0) {
            return normalized;
        }
        StringBuilder out = new StringBuilder(normalized.length());
        int i = 0;
        while (i < normalized.length()) {
            int end = i;
            while (end < normalized.length() && normalized.charAt(end) == '%' && !keptEncoded(normalized, end)) {
                end += 3;
            }
            if (end > i) {
                out.append(utf8(normalized, i, end));
                i = end;
            } else {
                out.append(normalized.charAt(i++));
            }
        }
        return out.toString();
    }

    private static boolean keptEncoded(String s, int percent) {
        int value = Integer.parseInt(s, percent + 1, percent + 3, 16);
        return value == '/' || value == '%';
    }

    /** Decodes escapes of unreserved characters, checks every escape, upper-cases the rest. */
    private static String decodeUnreserved(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            int end = i;
            while (end < raw.length() && raw.charAt(end) == '%') {
                end += 3;
                if (end > raw.length()) {
                    throw new BadPathException("malformed percent escape in the path");
                }
            }
            utf8(raw, i, end);
            for (int at = i; at < end; at += 3) {
                int value = Integer.parseInt(raw, at + 1, at + 3, 16);
                if (isUnreserved(value)) {
                    out.append((char) value);
                } else {
                    out.append('%').append(raw.substring(at + 1, at + 3).toUpperCase(Locale.ROOT));
                }
            }
            i = end;
        }
        return out.toString();
    }

    /** The escapes between {@code start} and {@code end} decoded as strict UTF-8 (overlong forms are malformed). */
    private static String utf8(String s, int start, int end) {
        byte[] bytes = new byte[(end - start) / 3];
        for (int at = start, n = 0; at < end; at += 3, n++) {
            int value;
            try {
                value = Integer.parseInt(s, at + 1, at + 3, 16);
            } catch (NumberFormatException e) {
                throw new BadPathException("malformed percent escape in the path");
            }
            if (value == 0) {
                throw new BadPathException("%00 in the path");
            }
            bytes[n] = (byte) value;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new BadPathException("percent escapes in the path are not UTF-8");
        }
    }

    private static boolean isUnreserved(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || UNRESERVED_PUNCTUATION.indexOf(c) >= 0;
    }
}
