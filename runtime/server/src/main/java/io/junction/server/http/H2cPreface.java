package io.junction.server.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Watches the first bytes of a connection to an h2c listener for the request line of HTTP/2's prior-knowledge
 * preface ({@code PRI * HTTP/2.0}, RFC 9113 3.4), which the strict HTTP/1 parser refuses as an unknown version
 * while Undertow's HTTP/2 server takes it: the connection is then HTTP/2 and no longer the parser's.
 */
final class H2cPreface {

    private static final byte[] LINE = "PRI * HTTP/2.0\r\n".getBytes(StandardCharsets.US_ASCII);

    /** Bytes of the line matched so far; -1 once the connection began otherwise. */
    private int matched;

    /** Follows {@code bytes} from their position, leaving them as they are. */
    void follow(ByteBuffer bytes) {
        for (int i = bytes.position(); i < bytes.limit() && matched >= 0 && matched < LINE.length; i++) {
            matched = bytes.get(i) == LINE[matched] ? matched + 1 : -1;
        }
    }

    /** Whether the connection began with the preface's request line. */
    boolean seen() {
        return matched == LINE.length;
    }
}
