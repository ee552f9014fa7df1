package io.junction.server.engine.http1;

import io.junction.core.http.BadPathException;
import io.junction.core.http.RequestPath;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The Strings routing reads from request heads (target, path, host), remembered per event loop for the bytes it
 * sees again: a busy listener's requests mostly repeat a few targets and hosts, and a head whose bytes match a
 * remembered one gets the same Strings instead of new ones. Direct-mapped (a miss replaces the slot), holds
 * Strings only and never a request, so nothing of a connection stays here. Touched by its loop's thread only.
 */
public final class RecentStrings {

    /** A power of two. */
    private static final int SLOTS = 256;
    /** Longer targets are made fresh each time: the slots stay small whatever clients send. */
    private static final int MAX_REMEMBERED = 512;

    private final Target[] targets = new Target[SLOTS];
    private final String[] hosts = new String[SLOTS];

    /** A request target as received and the paths made from it, each once, on demand. */
    public static final class Target {
        private final String value;
        private final boolean absoluteForm;
        private String normalizedPath;
        private String routablePath;

        private Target(String value, boolean absoluteForm) {
            this.value = value;
            this.absoluteForm = absoluteForm;
        }

        /** The target as received. */
        public String value() {
            return value;
        }

        public boolean absoluteForm() {
            return absoluteForm;
        }

        /**
         * The path routes match ({@link RequestPath#routable}).
         *
         * @throws BadPathException when the path cannot be normalised
         */
        public String routablePath() {
            if (routablePath == null) {
                routablePath = RequestPath.routable(normalizedPath());
            }
            return routablePath;
        }

        /** The path without its query, normalised ({@link RequestPath#normalize}). */
        public String normalizedPath() {
            if (normalizedPath == null) {
                int start = pathStart();
                int query = value.indexOf('?', start);
                String raw = value.substring(start, query < 0 ? value.length() : query);
                normalizedPath = RequestPath.normalize(raw.isEmpty() ? "/" : raw);
            }
            return normalizedPath;
        }

        /** Where the path starts: after the authority of an absolute-form target. */
        public int pathStart() {
            if (!absoluteForm) {
                return 0;
            }
            int slash = value.indexOf('/', value.indexOf("//") + 2);
            return slash < 0 ? value.length() : slash;
        }
    }

    /** The request target of {@code head}. */
    public Target target(RequestHeadParser head) {
        return target(head.bytes(), head.targetStart(), head.targetEnd(), head.isAbsoluteForm());
    }

    /** The Host field's host without its port, lower case; empty without Host. */
    public String hostName(RequestHeadParser head) {
        int field = head.hostField();
        if (field < 0) {
            return "";
        }
        int start = head.headers().valueStart(field);
        return host(head.bytes(), start, Authority.portColon(head.bytes(), start, head.headers().valueEnd(field)));
    }

    private Target target(byte[] b, int start, int end, boolean absoluteForm) {
        int slot = hash(b, start, end, false) & (SLOTS - 1);
        Target known = targets[slot];
        if (known != null && known.absoluteForm == absoluteForm && sameBytes(known.value, b, start, end, false)) {
            return known;
        }
        Target made = new Target(new String(b, start, end - start, StandardCharsets.ISO_8859_1), absoluteForm);
        if (end - start <= MAX_REMEMBERED) {
            targets[slot] = made;
        }
        return made;
    }

    private String host(byte[] b, int start, int end) {
        int slot = hash(b, start, end, true) & (SLOTS - 1);
        String known = hosts[slot];
        if (known != null && sameBytes(known, b, start, end, true)) {
            return known;
        }
        String made = new String(b, start, end - start, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        if (end - start <= MAX_REMEMBERED) {
            hosts[slot] = made;
        }
        return made;
    }

    private static int hash(byte[] b, int start, int end, boolean ignoreCase) {
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + (ignoreCase ? lower(b[i]) : b[i]);
        }
        return h ^ h >>> 16;
    }

    /** Whether {@code s} (ISO-8859-1, lower case when {@code ignoreCase}) is the text of those bytes. */
    private static boolean sameBytes(String s, byte[] b, int start, int end, boolean ignoreCase) {
        if (s.length() != end - start) {
            return false;
        }
        for (int i = start; i < end; i++) {
            int c = ignoreCase ? lower(b[i]) : b[i] & 0xff;
            if (s.charAt(i - start) != c) {
                return false;
            }
        }
        return true;
    }

    /** ASCII lower case; host names are ASCII (RFC 9110 4.2.3), anything else only has to compare the same way. */
    private static int lower(byte b) {
        int c = b & 0xff;
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }
}
