package io.junction.core.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of a request a sticky {@code split} hashes: {@code client} (the client address),
 * {@code header:Name}, {@code cookie:name} or {@code query:name}. {@link #NONE}: no key, a random draw.
 */
public record SplitKey(Source source, String name) {

    public static final SplitKey NONE = new SplitKey(Source.NONE, "");
    private static final Pattern FORM = Pattern.compile("(header|cookie|query):(\\S+)");

    public enum Source { NONE, CLIENT, HEADER, COOKIE, QUERY }

    /** Reads the DSL form, e.g. {@code cookie:session}. */
    public static SplitKey parse(String text) {
        if ("client".equals(text)) {
            return new SplitKey(Source.CLIENT, "");
        }
        Matcher form = text == null ? null : FORM.matcher(text);
        if (form == null || !form.matches()) {
            throw new InvalidSpecException("split key '" + text + "' is not a key: use client, header:Name, cookie:name or query:name");
        }
        return new SplitKey(Source.valueOf(form.group(1).toUpperCase(java.util.Locale.ROOT)), form.group(2));
    }
}
