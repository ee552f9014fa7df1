package io.junction.server.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The responses the engine writes itself: {@code respond} routes and its own errors (400, 413, 502, 504...). */
public final class Responses {

    public static final byte[] CLOSE = ascii("close");
    static final byte[] KEEP_ALIVE = ascii("keep-alive");
    private static final byte[] CONTENT_TYPE = ascii("\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ");
    private static final byte[] CONNECTION = ascii("\r\nConnection: ");
    private static final byte[] CRLF = ascii("\r\n");

    private Responses() {
    }

    /**
     * Writes a whole text response into {@code out} (write mode).
     *
     * @param connection the Connection option to send ({@link #CLOSE}, {@link #KEEP_ALIVE}) or null
     * @param headOnly   the request was HEAD: the length is sent, the body is not
     */
    public static void text(ByteBuffer out, int status, byte[] body, byte[] connection, boolean headOnly) {
        text(out, status, body, connection, headOnly, null);
    }

    /** As above, with one more header field ({@code Name: value}), or none when {@code field} is null. */
    static void text(ByteBuffer out, int status, byte[] body, byte[] connection, boolean headOnly, byte[] field) {
        out.put(ascii("HTTP/1.1 " + status + " " + reason(status))).put(CONTENT_TYPE).put(ascii(Integer.toString(body.length)));
        if (field != null) {
            out.put(CRLF).put(field);
        }
        if (connection != null) {
            out.put(CONNECTION).put(connection);
        }
        out.put(CRLF).put(CRLF);
        if (!headOnly) {
            out.put(body, 0, Math.min(body.length, out.remaining()));
        }
    }

    public static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 408 -> "Request Timeout";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status";
        };
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
