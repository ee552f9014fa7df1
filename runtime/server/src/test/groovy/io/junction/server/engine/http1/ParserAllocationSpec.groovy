package io.junction.server.engine.http1

import groovy.transform.CompileStatic
import spock.lang.Specification

import java.lang.management.ManagementFactory
import java.nio.ByteBuffer

/**
 * One parser per connection must not allocate per message, or a busy proxy pays for it in GC. The
 * loops are statically compiled so that the only allocation measured is the parsers' own.
 */
class ParserAllocationSpec extends Specification {

    static final int WARM_UP = 20_000
    static final int MEASURED = 100_000

    static final String REQUEST = 'POST /api/orders?id=17 HTTP/1.1\r\nHost: shop.example:8080\r\nUser-Agent: bench/1.0\r\n' +
            'Accept: */*\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: keep-alive, x-trace\r\n' +
            'X-Trace: abc\r\nExpect: 100-continue\r\n\r\n'
    static final String RESPONSE = 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\nServer: b\r\n\r\n'
    static final String CHUNKED = '10;ext=1\r\n0123456789abcdef\r\n3\r\nabc\r\n0\r\nX-Sum: 9\r\n\r\n'

    def "#workload allocates #bound bytes or less per message after warm-up"() {
        given:
        def input = ByteBuffer.wrap(Feeding.bytes(text))
        run(input, WARM_UP)

        when:
        def threads = (com.sun.management.ThreadMXBean) ManagementFactory.threadMXBean
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().id)
        run(input, MEASURED)
        long perMessage = (threads.getThreadAllocatedBytes(Thread.currentThread().id) - before).intdiv(MEASURED)

        then:
        perMessage < bound

        where:
        workload         | text     | run                       || bound
        'request head'   | REQUEST  | ParserAllocationSpec.&requests  || 64
        'response head'  | RESPONSE | ParserAllocationSpec.&responses || 64
        'chunked body'   | CHUNKED  | ParserAllocationSpec.&chunks    || 64
    }

    /** Parses the request and reads what a router and forwarder would: method, Host, hop-by-hop fields. */
    @CompileStatic
    static void requests(ByteBuffer input, int times) {
        def parser = new RequestHeadParser(Http1Limits.DEFAULTS)
        for (int i = 0; i < times; i++) {
            parser.reset()
            input.rewind()
            check(parser.parse(input) == ParseResult.DONE && parser.method() == RequestMethod.POST && parser.expectContinue())
            HeaderFields fields = parser.headers()
            check(fields.valueIs(parser.hostField(), 'shop.example:8080') && fields.indexOf('x-trace') == 6)
            check(parser.connection().lists(fields, 6) && !parser.connection().lists(fields, 1))
        }
    }

    @CompileStatic
    static void responses(ByteBuffer input, int times) {
        def parser = new ResponseHeadParser(Http1Limits.DEFAULTS)
        for (int i = 0; i < times; i++) {
            parser.reset(RequestMethod.GET)
            input.rewind()
            check(parser.parse(input) == ParseResult.DONE && parser.framing() == BodyFraming.CHUNKED && parser.keepAlive())
        }
    }

    @CompileStatic
    static void chunks(ByteBuffer input, int times) {
        def scanner = new ChunkedScanner(Http1Limits.DEFAULTS)
        for (int i = 0; i < times; i++) {
            scanner.reset()
            input.rewind()
            check(scanner.scan(input) == ParseResult.DONE && scanner.trailers().count() == 1)
        }
    }

    @CompileStatic
    private static void check(boolean parsedAsExpected) {
        if (!parsedAsExpected) {
            throw new AssertionError('the workload did not parse as expected')
        }
    }
}
