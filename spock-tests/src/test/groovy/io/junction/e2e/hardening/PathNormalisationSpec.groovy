package io.junction.e2e.hardening

import io.junction.e2e.Junction
import io.junction.e2e.RawHttp
import io.junction.e2e.RecordingBackend
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.charset.StandardCharsets
import java.nio.file.Path

/**
 * Paths are normalised before routing (core's RequestPath, both engines), so no spelling of
 * {@code /admin} dodges its route, and the backend receives the normalised path; a {@code rawPath}
 * listener routes the same way but passes the path on as received.
 */
class PathNormalisationSpec extends Specification {

    @Shared @TempDir Path dir
    @Shared @AutoCleanup('close') RecordingBackend backend = new RecordingBackend()
    @Shared @AutoCleanup('close') Junction junction

    def setupSpec() {
        junction = new Junction(dir, ['web.groovy': """
            pool('web') { backend '$backend.url' }
            http('public', port: 0, bind: '127.0.0.1') {
                route(path: '/admin') { respond 403, 'internal' }
                otherwise { forward 'web' }
            }
            http('raw', port: 0, bind: '127.0.0.1', rawPath: true) {
                route(path: '/admin') { respond 403, 'internal' }
                otherwise { forward 'web' }
            }
        """])
    }

    /** The answer to GET {@code target} on {@code listener}, and the target of what the backend read for it. */
    private List send(String listener, String target) {
        int before = backend.received.size()
        String request = "GET $target HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
        def responses = RawHttp.conversation(junction.server.port(listener), request.getBytes(StandardCharsets.ISO_8859_1))
        [responses*.status, backend.received.drop(before).collect { it.substring(4, it.indexOf(' HTTP/1.1')) }]
    }

    def "#target: #status, the backend receives #received"() {
        when:
        def (statuses, seen) = send('public', target)

        then:
        statuses == [status]
        seen == (received ? [received] : [])

        where:
        target                        || status | received
        '/admin'                      || 403    | null
        '/public/../admin'            || 403    | null
        '/public/./../admin/'         || 403    | null
        '/public/%2e%2e/admin'        || 403    | null
        '/public/%2E./admin'          || 403    | null
        '//admin'                     || 403    | null
        '/public//..//admin'          || 403    | null
        '/%61dmin'                    || 403    | null
        '/../../admin'                || 403    | null
        'http://a/public/../admin'    || 403    | null
        '/public/./page'              || 200    | '/public/page'
        '/public//page'               || 200    | '/public/page'
        '/public/x/..'                || 200    | '/public/'
        '/%7Euser/%41'                || 200    | '/~user/A'
        '/public%2F..%2Fadmin'        || 200    | '/public%2F..%2Fadmin'
        '/public/..%2fadmin'          || 200    | '/public/..%2Fadmin'
        '/p?next=/../admin'           || 200    | '/p?next=/../admin'
        '/caf%c3%a9'                  || 200    | '/caf%C3%A9'
        '/a%00b'                      || 400    | null
        '/%c0%ae%c0%ae/admin'         || 400    | null
        '/%c0%afadmin'                || 400    | null
        '/%e0%80%ae'                  || 400    | null
    }

    def "rawPath: #target: #status, the backend receives #received"() {
        when:
        def (statuses, seen) = send('raw', target)

        then: 'routes match the normalised path; the backend gets the one sent'
        statuses == [status]
        seen == (received ? [received] : [])

        where:
        target                        || status | received
        '/public/../admin'            || 403    | null
        '/public/%2e%2e/admin'        || 403    | null
        '//admin'                     || 403    | null
        '/public/./page'              || 200    | '/public/./page'
        '/public//page'               || 200    | '/public//page'
        '/%7Euser/%41'                || 200    | '/%7Euser/%41'
        '/public/..%2fadmin'          || 200    | '/public/..%2fadmin'
        '/caf%c3%a9?q=%41'            || 200    | '/caf%c3%a9?q=%41'
        'http://a/public/./x'         || 200    | '/public/./x'
        '/a%00b'                      || 400    | null
    }
}
