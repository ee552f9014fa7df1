package io.junction.core.edit;

import java.nio.charset.StandardCharsets;

/** Percent-encodes a decoded path for a request target: everything but RFC 3986 pchar and '/'. */
public final class PathEncoding {

    private static final String ALLOWED = "-._~!$&'()*+,;=:@/";

    private PathEncoding() {
    }

    public static String encode(String path) {
        StringBuilder out = new StringBuilder(path.length() + 8);
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || ALLOWED.indexOf(c) >= 0)) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
