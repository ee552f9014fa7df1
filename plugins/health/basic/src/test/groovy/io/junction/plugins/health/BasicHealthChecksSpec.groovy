package io.junction.plugins.health

import com.sun.net.httpserver.HttpServer
import io.junction.api.Options
import io.junction.api.Target
import spock.lang.Specification

import java.time.Duration
import java.util.concurrent.TimeUnit

/** The http and tcp probes against real servers on loopback. */
class BasicHealthChecksSpec extends Specification {

    HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.loopbackAddress, 0), 16)
    List<Closeable> closeables = []
    def seen = [:]

    def setup() {
        http.createContext('/') { ex ->
            seen.host = ex.requestHeaders.getFirst('Host')
            seen.probe = ex.requestHeaders.getFirst('X-Probe')
            seen.method = ex.requestMethod
            def status = ex.requestURI.path == '/sick' ? 503 : 200
            byte[] body = "ok from ${ex.requestURI.path}".bytes
            ex.sendResponseHeaders(status, ex.requestMethod == 'HEAD' ? -1 : body.length)
            if (ex.requestMethod != 'HEAD') ex.responseBody.write(body)
            ex.close()
        }
        http.start()
    }

    def cleanup() {
        http.stop(0)
        closeables*.close()
    }

    /** @param timeoutMillis 10 s unless the timeout is under test: a first HTTP probe took over 2 s on a loaded machine */
    Target target(int port, long timeoutMillis = 10_000) {
        new Target("http://127.0.0.1:$port", URI.create("http://127.0.0.1:$port"), Duration.ofMillis(timeoutMillis))
    }

    def verdict(check, Map options, Target target) {
        check.create(Options.of(options)).probe(target).toCompletableFuture().get(30, TimeUnit.SECONDS)
    }

    /** A probe that completes exceptionally fails, with the exception as its reason (the scheduler's rule). */
    boolean passes(check, Map options, Target target) {
        try {
            verdict(check, options, target).passed()
        } catch (java.util.concurrent.ExecutionException e) {
            false
        }
    }

    def "http #options -> passed #passed (#reason)"() {
        expect:
        with(verdict(new HttpCheck(), options, target(http.address.port))) {
            it.passed() == passed
            it.reason() == reason
        }

        where:
        options                                   || passed | reason
        [:]                                       || true   | 'status 200'
        [path: '/sick']                           || false  | 'status 503, expected 200-399'
        [path: '/sick', status: '200,500-503']    || true   | 'status 503'
        [contains: 'ok from /']                   || true   | 'status 200'
        [contains: 'nope']                        || false  | "status 200, body does not contain 'nope'"
        [regex: 'ok from /\\w*$']                 || true   | 'status 200'
        [regex: '^nope']                          || false  | 'status 200, body does not match /^nope/'
        [method: 'HEAD']                          || true   | 'status 200'
    }

    def "http sends the method, the Host and extra headers"() {
        when:
        verdict(new HttpCheck(), [method: 'HEAD', host: 'shop.example', 'header.X-Probe': 'yes'], target(http.address.port))

        then:
        seen == [host: 'shop.example', probe: 'yes', method: 'HEAD']
    }

    def "http on a refused port fails with the connect error"() {
        when:
        verdict(new HttpCheck(), [:], target(refusedPort()))

        then:
        def e = thrown(java.util.concurrent.ExecutionException)
        e.cause instanceof ConnectException
    }

    def "#check refuses #options: #message"() {
        when:
        check.create(Options.of(options))

        then:
        def e = thrown(IllegalArgumentException)
        e.message == message

        where:
        check           | options              || message
        new HttpCheck() | [pth: '/']           || "health 'http' has no option 'pth'; allowed: contains, host, method, path, regex, status, header.NAME"
        new HttpCheck() | [status: '200-abc']  || "option 'status': '200-abc' is not a status (100..599) or a range such as 200-399"
        new HttpCheck() | [path: 'healthz']    || "option 'path': 'healthz' must start with '/' and contain no spaces"
        new HttpCheck() | [regex: '(']         || "option 'regex': Unclosed group in '('"
        new TcpCheck()  | [expects: 'x']       || "health 'tcp' has no option 'expects'; allowed: expect, send"
    }

    def "tcp #options on #where -> passed #passed"() {
        given:
        def server = new ServerSocket(0, 5, InetAddress.loopbackAddress)
        closeables << server
        Thread.start {
            server.accept().withCloseable { socket ->
                def line = new BufferedReader(new InputStreamReader(socket.inputStream)).readLine()
                socket.outputStream.write("+${line}\r\n".bytes)
            }
        }
        int port = where == 'a listening port' ? server.localPort : refusedPort()

        expect:
        passes(new TcpCheck(), options, target(port)) == passed

        where:
        options                             | where              || passed
        [:]                                 | 'a listening port' || true
        [:]                                 | 'a refused port'   || false
        [send: 'PING\\r\\n', expect: '+PING'] | 'a listening port' || true
        [send: 'PING\\r\\n', expect: '+PONG'] | 'a listening port' || false
    }

    def "a probe that gets no answer gives up at the target's timeout"() {
        given: 'a server that accepts and never answers'
        def silent = new ServerSocket(0, 5, InetAddress.loopbackAddress)
        closeables << silent
        Thread.start { try { closeables << silent.accept() } catch (IOException ignored) { } }

        when:
        long started = System.nanoTime()
        verdict(new TcpCheck(), [expect: 'hello'], target(silent.localPort, 300))

        then:
        thrown(java.util.concurrent.ExecutionException)
        System.nanoTime() - started < TimeUnit.SECONDS.toNanos(3)
    }

    static int refusedPort() {
        new ServerSocket(0, 1, InetAddress.loopbackAddress).withCloseable { it.localPort }
    }
}
