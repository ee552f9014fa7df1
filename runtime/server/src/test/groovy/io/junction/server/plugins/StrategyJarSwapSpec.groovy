package io.junction.server.plugins

import com.sun.net.httpserver.HttpServer
import io.junction.server.JunctionServer
import io.junction.server.config.JunctionSettings
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption
import java.time.Duration
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicReference

/**
 * A strategy JAR replaced under load: a client loop runs against a real listener while the plugins folder gets
 * the other of two versions of the same plugin every second for 20 s, each followed by a reload (what SIGHUP
 * does). Version 1 picks the first backend, version 2 the last, so each response shows which one served it.
 */
class StrategyJarSwapSpec extends Specification {

    static final int SWAPS = 20

    @TempDir Path dir
    List<Closeable> cleanup = []

    def cleanup() {
        cleanup.reverse()*.close()
    }

    def "on the #engine engine, 20 s of swapping strategy JAR versions every second under load fails no request, and each swap's choice shows at once"() {
        given: 'backends first and last, and version 1 of the strategy'
        def first = backend('first')
        def last = backend('last')
        def plugins = Files.createDirectories(dir.resolve('plugins'))
        def conf = Files.createDirectories(dir.resolve('conf.d'))
        Files.writeString(conf.resolve('web.groovy'), """pool('web') {
    balance 'swapped'
    backend 'http://127.0.0.1:$first.address.port'
    backend 'http://127.0.0.1:$last.address.port'
}
http('public', port: 0, bind: '127.0.0.1') {
    otherwise { forward 'web' }
}
""")
        def staging = Files.createDirectories(dir.resolve('staging'))
        def jars = [1: version(1).buildIn(staging, 'swapped-1.jar'), 2: version(2).buildIn(staging, 'swapped-2.jar')]
        replace(plugins, jars[1])
        def server = JunctionServer.builder().confDir(conf).builtinPluginsDir(Files.createDirectories(dir.resolve('none')))
                .pluginsDir(plugins).settings(JunctionSettings.load(null, ['junction.http.engine': engine])).build()
        cleanup << server
        server.start()

        and: 'a client loop'
        def uri = URI.create("http://127.0.0.1:${server.port('public')}/")
        def client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
        def failures = new CopyOnWriteArrayList<String>()
        def answers = new AtomicInteger()
        def latest = new AtomicReference<String>()
        def running = new AtomicBoolean(true)
        def loop = Thread.start {
            while (running.get()) {
                try {
                    def response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString())
                    if (response.statusCode() == 200) {
                        latest.set(response.body())
                    } else {
                        failures << "${response.statusCode()} ${response.body()}".toString()
                    }
                } catch (IOException e) {
                    failures << e.toString()
                }
                answers.incrementAndGet()
            }
        }
        // a failed feature stops the loop too: left running it would spin against a closed server under the next specs
        cleanup << ({ running.set(false); loop.join(10_000) } as Closeable)
        // the loop's first answer waits for the client's and the engine's first use: long on a loaded machine
        new PollingConditions(timeout: 30).eventually { assert latest.get() == 'first' }

        when: 'the other version replaces the JAR every second, each time followed by a reload'
        def reloads = []
        long started = System.nanoTime()
        (1..SWAPS).each { swap ->
            int now = swap % 2 == 1 ? 2 : 1
            replace(plugins, jars[now])
            reloads << server.reload().succeeded()
            int seenBefore = answers.get()
            // the loop is sequential: the second answer after the reload is to a request sent after it, so it and
            // every later one carry the new version's choice (counted, not timed: a loaded machine may be slow)
            new PollingConditions(timeout: 10, delay: 0.01).eventually { assert answers.get() >= seenBefore + 2 }
            assert latest.get() == (now == 2 ? 'last' : 'first')
            // the next swap a second after the last
            new PollingConditions(timeout: 2, delay: 0.05).eventually {
                assert System.nanoTime() - started >= swap * 1_000_000_000L
            }
        }
        running.set(false)
        loop.join(10_000)

        then:
        reloads == [true] * SWAPS
        failures == []
        answers.get() > SWAPS * 10

        where:
        engine << ['undertow', 'own']
    }

    /** Version 1 picks the first eligible backend, version 2 the last: the same plugin id and strategy id. */
    private static PluginJarBuilder version(int version) {
        def builder = PluginJarBuilder.plugin('swapped').version("${version}.0.0")
        if (version == 2) {
            return builder.strategy('com.acme.Swapped', 'swapped')
        }
        builder.source('com.acme.Swapped', '''
            package com.acme;
            import io.junction.api.*;

            @org.pf4j.Extension
            public class Swapped implements BalancingStrategy {
                @Override public String id() { return "swapped"; }
                @Override public Balancer create(PoolContext pool) {
                    return (candidates, request) -> {
                        for (int i = 0; i < candidates.size(); i++) {
                            if (candidates.isEligible(i)) return candidates.get(i);
                        }
                        return null;
                    };
                }
            }
        ''').extension('com.acme.Swapped')
    }

    /** Puts {@code jar} in place of the plugins folder's swapped.jar in one rename, as a deploy would. */
    private static void replace(Path plugins, Path jar) {
        Path partial = plugins.resolve('.swapped.jar.partial')
        Files.copy(jar, partial, StandardCopyOption.REPLACE_EXISTING)
        Files.move(partial, plugins.resolve('swapped.jar'), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE)
    }

    private HttpServer backend(String name) {
        def server = HttpServer.create(new InetSocketAddress(InetAddress.loopbackAddress, 0), 64)
        server.createContext('/') { exchange ->
            byte[] body = name.bytes
            exchange.sendResponseHeaders(200, body.length)
            exchange.responseBody.withCloseable { it.write(body) }
        }
        server.start()
        cleanup << ({ server.stop(0) } as Closeable)
        server
    }
}
