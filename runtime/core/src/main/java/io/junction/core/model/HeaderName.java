package io.junction.core.model;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules for header names and values a route may write. */
public final class HeaderName {

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** Fields that frame the message or belong to one connection: the engines own them. */
    private static final Set<String> RESERVED = Set.of("content-length", "transfer-encoding", "connection", "keep-alive",
            "proxy-connection", "te", "trailer", "upgrade");

    private HeaderName() {
    }

    /** Refuses a name that is not a field name or that only the engine may write. */
    public static void requireEditable(String name) {
        if (name == null || !TOKEN.matcher(name).matches()) {
            throw new InvalidSpecException("header name '" + name + "' is not a field name, e.g. X-Request-Source");
        }
        if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new InvalidSpecException("header '" + name + "' frames the message or the connection; Junction sets it itself");
        }
    }

    public static void requireValue(String value) {
        if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
            throw new InvalidSpecException("header value " + (value == null ? "is missing" : "'" + value.strip() + "' has a line break")
                    + ": write it on one line");
        }
    }
}
