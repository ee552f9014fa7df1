package io.junction.core.edit;

import io.junction.core.model.Filter;

import java.util.regex.Pattern;

/** One path filter, compiled: rewrites a decoded path. */
interface PathRewrite {

    String apply(String path);

    /** @return null for a filter that is not about the path */
    static PathRewrite of(Filter filter) {
        if (filter instanceof Filter.StripPrefix strip) {
            return path -> replacePrefix(path, strip.prefix(), "/");
        }
        if (filter instanceof Filter.ReplacePrefix replace) {
            return path -> replacePrefix(path, replace.prefix(), replace.replacement());
        }
        if (filter instanceof Filter.RegexReplace regex) {
            Pattern pattern = Pattern.compile(regex.regex());
            return path -> pattern.matcher(path).replaceAll(regex.replacement());
        }
        return null;
    }

    /**
     * {@code prefix} replaced by {@code replacement} when it starts the path on a segment boundary; a
     * trailing slash of either is ignored, and the result always starts with '/'.
     */
    private static String replacePrefix(String path, String prefix, String replacement) {
        String bare = withoutTrailingSlash(prefix);
        boolean starts = path.startsWith(bare) && (path.length() == bare.length() || path.charAt(bare.length()) == '/');
        if (!starts) {
            return path;
        }
        String result = withoutTrailingSlash(replacement) + path.substring(bare.length());
        return result.isEmpty() ? "/" : result;
    }

    private static String withoutTrailingSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
