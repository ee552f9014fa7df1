package io.junction.core.action;

import io.junction.api.RequestView;
import io.junction.core.edit.PathEncoding;
import io.junction.core.model.Action;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where a {@code redirect} sends a request: the Location field's value. */
public final class RedirectLocation {

    /** {@code {name}} in a path template. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

    private RedirectLocation() {
    }

    /**
     * @param captures the named groups of the route's path pattern ({@code Map.of()} when none); {@code {path}}
     *                 is the request's path unless a capture has that name
     */
    public static String of(Action.Redirect redirect, RequestView request, Map<String, String> captures) {
        StringBuilder location = new StringBuilder();
        if (redirect.scheme() != null || redirect.host() != null || redirect.port() != Action.Redirect.SCHEME_PORT) {
            location.append(redirect.scheme() == null ? "http" : redirect.scheme()).append("://")
                    .append(redirect.host() == null ? request.host() : redirect.host());
            if (redirect.port() != Action.Redirect.SCHEME_PORT) {
                location.append(':').append(redirect.port());
            }
        }
        String path = redirect.path() == null ? request.path() : expand(redirect.path(), request.path(), captures);
        location.append(PathEncoding.encode(path));
        if (redirect.keepQuery() && !request.query().isEmpty()) {
            location.append('?').append(request.query());
        }
        return location.toString();
    }

    /** The template with each {@code {name}} replaced; an unknown name is left as written. */
    static String expand(String template, String path, Map<String, String> captures) {
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (placeholder.find()) {
            String name = placeholder.group(1);
            String value = captures.containsKey(name) ? captures.get(name) : name.equals("path") ? path : placeholder.group();
            placeholder.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return placeholder.appendTail(out).toString();
    }
}
