package io.junction.e2e.logging

import io.junction.e2e.Junction
import io.junction.e2e.TestBackend
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.nio.file.Path

/** The access log through a real Junction (on either engine): a proxied request, a direct response and a 502 after a
 * connect retry (two refused backends), in each format. */
class AccessLogSpec extends Specification {

    @TempDir Path dir
    TestBackend backend = new TestBackend('a')

    def cleanup() {
        backend.close()
    }

    def "#format: one line per request, proxied, direct and 502 alike"() {
        given:
        Path file = dir.resolve('access.log')
        int refused = Junction.refusedPort()
        def junction = new Junction(dir, ['web.groovy': """pool('web') {
    backend '$backend.url'
}
pool('dead') {
    backend 'http://127.0.0.1:$refused'
    backend 'http://127.0.0.2:$refused'
}
http('public', port: 0, bind: '127.0.0.1') {
    route(path: '/direct') { respond 418, 'teapot' }
    route(path: '/dead') { forward 'dead' }
    otherwise { forward 'web' }
}
"""], ['junction.access-log.format': format, 'junction.access-log.file': file.toString()])

        when:
        def proxied = junction.client.send(HttpRequest.newBuilder(junction.uri('public', '/echo?x=1'))
                .header('User-Agent', 'spec "agent"').header('Referer', 'http://r.example/').build(),
                HttpResponse.BodyHandlers.ofString())
        junction.get('/direct')
        junction.get('/dead')

        then:
        proxied.statusCode() == 200
        new PollingConditions(timeout: 10).eventually {
            def lines = Files.exists(file) ? Files.readAllLines(file) : []
            assert lines.size() == 3
            assert lines[0] ==~ first
            assert lines[1] ==~ second
            assert lines[2] ==~ third
        }

        cleanup:
        junction?.close()

        where:
        format     || first | second | third
        'common'   || common('GET /echo\\?x=1 HTTP/1.1', 200, '\\d+') | common('GET /direct HTTP/1.1', 418, '6') | common('GET /dead HTTP/1.1', 502, '\\d+')
        'combined' || common('GET /echo\\?x=1 HTTP/1.1', 200, '\\d+') + ' "http://r.example/" "spec \\\\"agent\\\\""' | common('GET /direct HTTP/1.1', 418, '6') + ' "-" "[^"]*"' | common('GET /dead HTTP/1.1', 502, '\\d+') + ' "-" "[^"]*"'
        'json'     || json('/echo\\?x=1', 200, upstream('web', 0) + ',"referer":"http://r.example/","user_agent":"spec \\\\"agent\\\\""') | json('/direct', 418, '"pool":null,"backend":null,"upstream_ms":null,"retries":null') | json('/dead', 502, upstream('dead', 1))
    }

    private static String common(String request, int status, String bytes) {
        /127\.0\.0\.1 - - \[\d{2}\/\w{3}\/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4}\] "/ + request + /" / + status + ' ' + bytes
    }

    /** A forwarded request names its pool, the backend it went to last, the time upstream and the connects beyond the first. */
    private static String upstream(String pool, int retries) {
        /"pool":"/ + pool + /","backend":"http:\/\/127\.0\.0\.\d:\d+","upstream_ms":[\d.]+,"retries":/ + retries
    }

    private static String json(String target, int status, String rest) {
        /\{"time":"[^"]+","client":"127\.0\.0\.1","listener":"public","method":"GET","target":"/ + target +
                /","protocol":"HTTP\/1\.1","status":/ + status + /,"bytes":\d+,"duration_ms":[\d.]+,.*/ + rest + /.*\}/
    }
}
