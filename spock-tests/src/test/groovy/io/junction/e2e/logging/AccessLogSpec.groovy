package io.junction.e2e.logging

import io.junction.e2e.Junction
import io.junction.e2e.TestBackend
import io.junction.server.metrics.MetricNames
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.nio.file.Path

/** The access log through a real Junction (on either engine): a proxied request, a direct response and a 502 after a
 * connect retry (two refused backends), in each format; and each listener's sampling. */
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

    /** A listener 'public' with {@code options}: /ok answers 200, /missing 404, /dead 502; 'probe' logs everything. */
    private Junction sampled(String options, Path file) {
        int refused = Junction.refusedPort()
        new Junction(dir, ['web.groovy': """pool('dead') {
    backend 'http://127.0.0.1:$refused'
}
http('public', port: 0, bind: '127.0.0.1'$options) {
    route(path: '/ok') { respond 200, 'ok' }
    route(path: '/missing') { respond 404, 'missing' }
    route(path: '/dead') { forward 'dead' }
}
http('probe', port: 0, bind: '127.0.0.1') {
    otherwise { respond 200, 'probe' }
}
"""], ['junction.access-log.format': 'common', 'junction.access-log.file': file.toString()])
    }

    /** The paths of the lines written before the probe's, once the probe's line shows that the writer got that far. */
    private static List<String> loggedBeforeProbe(Junction junction, Path file) {
        junction.get('/probe', 'probe')
        new PollingConditions(timeout: 10).eventually {
            assert Files.exists(file) && Files.readAllLines(file).any { it.contains('"GET /probe ') }
        }
        Files.readAllLines(file).takeWhile { !it.contains('"GET /probe ') }.collect { (it =~ /"GET (\S+) /)[0][1] }
    }

    def "a listener with#options writes #written and counts #sampledOut left out"() {
        given:
        Path file = dir.resolve('access.log')
        def junction = sampled(options, file)

        when:
        def answers = (['/ok'] * 5 + ['/missing', '/dead']).collect { junction.get(it).statusCode() }

        then:
        answers == [200] * 5 + [404, 502]
        loggedBeforeProbe(junction, file) == written
        junction.server.metrics().counter(MetricNames.listenerAccessLogSampledOut('public')).count == sampledOut

        cleanup:
        junction?.close()

        where:
        options                      || written                               | sampledOut
        ''                           || ['/ok'] * 5 + ['/missing', '/dead']   | 0
        ', accessLog: true'          || ['/ok'] * 5 + ['/missing', '/dead']   | 0
        ', accessLog: [sample: 0]'   || ['/missing', '/dead']                 | 5
        ', accessLog: false'         || []                                    | 0
    }

    def "accessLog [sample: 0.5] writes about half of the requests that went well, counts the rest, and every failure"() {
        given:
        Path file = dir.resolve('access.log')
        def junction = sampled(', accessLog: [sample: 0.5]', file)

        when:
        (1..60).each { assert junction.get('/ok').statusCode() == 200 }
        (1..5).each { assert junction.get('/missing').statusCode() == 404 }
        def written = loggedBeforeProbe(junction, file)
        long sampledOut = junction.server.metrics().counter(MetricNames.listenerAccessLogSampledOut('public')).count

        then: 'a fair coin lands heads fewer than 10 or more than 50 times in 60 throws about once in 30 million runs'
        written.count('/ok') + sampledOut == 60
        written.count('/ok') in 10..50
        written.count('/missing') == 5

        cleanup:
        junction?.close()
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
