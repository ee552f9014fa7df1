package io.junction.server.engine.http1

import java.nio.ByteBuffer
import java.nio.charset.StandardCharsets
import java.util.function.Function

/** The ways a spec feeds a parser: all at once, or one byte per read as the slowest client would. */
enum Feeding {
    WHOLE, BYTE_BY_BYTE

    /** Test strings map one char to one byte, so '\u0000' and '\u00e9' are the bytes 0x00 and 0xe9. */
    static byte[] bytes(String raw) {
        raw.getBytes(StandardCharsets.ISO_8859_1)
    }

    /** A table cell as a feature name can show it, CR and LF visible. */
    static String visible(String raw) {
        def shown = raw.replace('\r', '\\r').replace('\n', '\\n').replace('\u0000', '\\0')
        shown.length() > 90 ? shown.take(90) + '...' : shown
    }

    /** Feeds {@code raw} until the parser stops asking for more: its answer and how many bytes it took. */
    Fed feed(String raw, Function<ByteBuffer, ParseResult> parser) {
        byte[] all = bytes(raw)
        if (this == WHOLE) {
            def buffer = ByteBuffer.wrap(all)
            return new Fed(parser.apply(buffer), buffer.position())
        }
        def result = ParseResult.NEED_MORE
        int taken = 0
        while (result == ParseResult.NEED_MORE && taken < all.length) {
            def one = ByteBuffer.wrap(all, taken, 1)
            result = parser.apply(one)
            assert one.position() == taken + 1 || result != ParseResult.NEED_MORE: 'NEED_MORE without taking the byte'
            taken = one.position()
        }
        new Fed(result, taken)
    }

    record Fed(ParseResult result, int consumed) {}
}
