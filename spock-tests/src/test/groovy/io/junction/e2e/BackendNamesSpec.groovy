package io.junction.e2e

import io.junction.server.JunctionServer
import io.junction.server.config.JunctionSettings
import io.junction.server.resolve.HostResolver
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.CopyOnWriteArrayList

/**
 * Backends written with a host name on the engine under test: resolved off the I/O threads (at load and on a
 * schedule), proxied to the address found; a name that never resolved leaves its backend down.
 */
class BackendNamesSpec extends Specification {

    @TempDir Path dir
    @AutoCleanup('close') TestBackend a = new TestBackend('a')
    @AutoCleanup('close') TcpEchoBackend echo = new TcpEchoBackend()
    @AutoCleanup('close') JunctionServer server
    /** The thread of every lookup the recording resolver answered. */
    List<String> lookupThreads = new CopyOnWriteArrayList<>()

    /** Knows {@code app.internal} (loopback) and nothing else, and records which thread asked: no /etc/hosts needed. */
    HostResolver recording = { String host ->
        lookupThreads << Thread.currentThread().name
        if (host != 'app.internal') {
            throw new UnknownHostException(host)
        }
        InetAddress.loopbackAddress
    } as HostResolver

    private JunctionServer start(String script, HostResolver resolver) {
        def conf = Files.createDirectories(dir.resolve('conf.d'))
        Files.writeString(conf.resolve('web.groovy'), script)
        server = JunctionServer.builder().confDir(conf).builtinPluginsDir(Junction.PLUGINS)
                .pluginsDir(Files.createDirectories(dir.resolve('plugins')))
                .settings(JunctionSettings.load(null, ['junction.http.engine': Junction.ENGINE])).hostResolver(resolver).build()
        server.start()
        server
    }

    private static String httpScript(String backend) {
        "pool('web') {\n    backend '$backend'\n}\nhttp('public', port: 0, bind: '127.0.0.1') {\n    otherwise { forward 'web' }\n}\n"
    }

    private String get(String path = '/') {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:${server.port('public')}$path")).build(),
                HttpResponse.BodyHandlers.ofString()).body()
    }

    def "an http backend named localhost is proxied through the JDK's resolver"() {
        given:
        start(httpScript("http://localhost:$a.port"), HostResolver.SYSTEM)

        expect:
        (1..3).collect { get() } == ['a', 'a', 'a']
    }

    def "a tcp backend named localhost is proxied through the JDK's resolver"() {
        given:
        start("pool('db') {\n    backend 'tcp://localhost:$echo.port'\n}\ntcp('db', port: 0, bind: '127.0.0.1') { forward 'db' }\n",
                HostResolver.SYSTEM)
        def socket = new Socket(InetAddress.loopbackAddress, server.port('db'))
        socket.soTimeout = 20_000

        when:
        socket.outputStream.write('ping'.bytes)

        then:
        new String(socket.inputStream.readNBytes(4)) == 'ping'

        cleanup:
        socket?.close()
    }

    def "a name only Junction's resolver knows is proxied, and no lookup runs on an I/O thread"() {
        given:
        start(httpScript("http://app.internal:$a.port"), recording)

        when: 'a lookup that took longer than applying waits for would leave the first requests a 502'
        new PollingConditions(timeout: 30, delay: 0.1).eventually { assert get() == 'a' }
        def answers = (1..5).collect { get() }

        then:
        answers.every { it == 'a' }
        !lookupThreads.empty
        lookupThreads.every { it.startsWith('junction-resolver') }
    }

    def "a backend whose name never resolved does not stop the start: it answers 502 dns_error until the name resolves"() {
        given:
        start(httpScript('http://nowhere.internal:8080'), recording)

        when:
        def response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:${server.port('public')}/")).build(), HttpResponse.BodyHandlers.ofString())

        then:
        response.statusCode() == 502
        response.headers().firstValue('Proxy-Status').orElse('') == 'junction; error=dns_error'
        !lookupThreads.empty
        lookupThreads.every { it.startsWith('junction-resolver') }
    }
}
