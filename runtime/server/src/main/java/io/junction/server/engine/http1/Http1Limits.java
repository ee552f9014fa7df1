package io.junction.server.engine.http1;

/**
 * Size limits of a message head. Requests over them are answered 414 (request line) or 431 (head
 * size, field count); the same limits bound response heads and chunked trailers.
 *
 * @param maxRequestLine  longest start line or chunk-size line, CRLF excluded
 * @param maxHeadBytes    largest head (or trailer section), CRLFs included
 * @param maxHeaderCount  most field lines in a head (or trailer section)
 */
public record Http1Limits(int maxRequestLine, int maxHeadBytes, int maxHeaderCount) {

    public static final Http1Limits DEFAULTS = new Http1Limits(8 * 1024, 32 * 1024, 100);

    public Http1Limits {
        if (maxRequestLine < 16 || maxHeadBytes < maxRequestLine || maxHeaderCount < 1) {
            throw new IllegalArgumentException("HTTP/1.1 limits need maxRequestLine >= 16, maxHeadBytes >= maxRequestLine"
                    + " and maxHeaderCount >= 1, got " + maxRequestLine + "/" + maxHeadBytes + "/" + maxHeaderCount);
        }
    }
}
