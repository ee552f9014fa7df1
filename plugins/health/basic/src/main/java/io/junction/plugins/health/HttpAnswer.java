package io.junction.plugins.health;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A backend's HTTP/1.1 answer to a probe, read from the bytes received so far: the status and, once framing says
 * it is complete (Content-Length, the last chunk, or the end of the stream), the body. Lenient on purpose: it
 * judges health, it forwards nothing.
 */
record HttpAnswer(int status, String body, boolean complete) {

    private static final String HEAD_END = "\r\n\r\n";

    /** @return the answer so far, or {@code null} while the head is incomplete */
    static HttpAnswer of(byte[] bytes, boolean endOfStream) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf(HEAD_END);
        if (headEnd < 0) {
            return null;
        }
        String[] lines = text.substring(0, headEnd).split("\r\n");
        String[] statusLine = lines[0].split(" ");
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
            throw new IllegalArgumentException("not an HTTP response: " + lines[0]);
        }
        int status = Integer.parseInt(statusLine[1]);
        String body = text.substring(headEnd + HEAD_END.length());
        long length = -1;
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].toLowerCase(Locale.ROOT);
            if (line.startsWith("content-length:")) {
                length = Long.parseLong(line.substring(15).trim());
            } else if (line.startsWith("transfer-encoding:") && line.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            return new HttpAnswer(status, dechunk(body), endOfStream || body.endsWith("0\r\n\r\n"));
        }
        boolean complete = endOfStream || (length >= 0 && body.length() >= length);
        return new HttpAnswer(status, length >= 0 && body.length() > length ? body.substring(0, (int) length) : body, complete);
    }

    private static String dechunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                return out.toString();
            }
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
            int start = lineEnd + 2;
            if (size == 0 || start + size > chunked.length()) {
                out.append(chunked, start, Math.min(chunked.length(), start + size));
                return out.toString();
            }
            out.append(chunked, start, start + size);
            at = start + size + 2;
        }
    }
}
