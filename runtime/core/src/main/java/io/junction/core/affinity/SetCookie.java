package io.junction.core.affinity;

import io.junction.core.model.AffinitySpec;

/** Set-Cookie values: Junction's own, written exactly as the script configured it, and the name and value of a backend's. */
final class SetCookie {

    private SetCookie() {
    }

    static String format(AffinitySpec.InsertCookie cookie, String value) {
        StringBuilder header = new StringBuilder(cookie.name()).append('=').append(value);
        if (cookie.maxAge() != null) {
            header.append("; Max-Age=").append(cookie.maxAge().toSeconds());
        }
        header.append("; Path=").append(cookie.path());
        if (cookie.domain() != null) {
            header.append("; Domain=").append(cookie.domain());
        }
        if (cookie.secure()) {
            header.append("; Secure");
        }
        if (cookie.httpOnly()) {
            header.append("; HttpOnly");
        }
        if (cookie.sameSite() != null) {
            header.append("; SameSite=").append(cookie.sameSite());
        }
        return header.toString();
    }

    /** The value a backend's Set-Cookie gives cookie {@code name} ("" when it clears it), or null when it sets another cookie. */
    static String valueOf(String header, String name) {
        if (header == null || !header.startsWith(name) || header.length() <= name.length() || header.charAt(name.length()) != '=') {
            return null;
        }
        int end = header.indexOf(';', name.length());
        String value = header.substring(name.length() + 1, end < 0 ? header.length() : end).trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        return value;
    }
}
