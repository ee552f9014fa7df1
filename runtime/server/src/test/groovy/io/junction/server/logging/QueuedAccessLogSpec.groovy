package io.junction.server.logging

import spock.lang.Specification
import spock.lang.Timeout

import java.time.Instant

class QueuedAccessLogSpec extends Specification {

    static AccessRecord record(String target) {
        AccessRecord.builder().start(Instant.parse('2026-01-02T03:04:05Z')).client('10.0.0.1').listener('public')
                .request('GET', target, 'HTTP/1.1').response(200, 5, 1_500_000).build()
    }

    @Timeout(60) // a record() that waited for the blocked writer would never return; a loaded machine is merely slow
    def "a writer that cannot keep up costs dropped lines, counted, never a blocked caller"() {
        given: 'a pipe nobody reads yet: the writer thread blocks once its buffer is full'
        def reader = new PipedReader(64)
        def log = new QueuedAccessLog(AccessLogFormat.COMMON, new PipedWriter(reader), 4)

        when:
        200.times { log.record(record("/$it")) }

        then:
        log.dropped() > 0

        when: 'the reader catches up'
        def lines = []
        def collecting = Thread.start { reader.eachLine { lines << it } }
        log.close()
        collecting.join(30_000)

        then:
        lines.size() == 200 - log.dropped()
        lines[0].startsWith('10.0.0.1 - - [')
    }

    def "a client cannot forge a line: quotes, backslashes and control characters are escaped in #format"() {
        given:
        def forged = AccessRecord.builder().start(Instant.now()).listener('public')
                .request('GET', '/x" 200 5\n127.0.0.1 - - "GET /\\', 'HTTP/1.1').headers(null, 'a"b').build()

        expect:
        def line = format.format(forged)
        !line.contains('\n')
        line.contains(expected)

        where:
        format                   || expected
        AccessLogFormat.COMMON   || '"GET /x\\" 200 5\\x0a127.0.0.1 - - \\"GET /\\\\ HTTP/1.1"'
        AccessLogFormat.COMBINED || '"-" "a\\"b"'
        AccessLogFormat.JSON     || '"target":"/x\\" 200 5\\n127.0.0.1 - - \\"GET /\\\\"'
    }
}
