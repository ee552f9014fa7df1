package io.junction.e2e

import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.nio.file.Files
import java.nio.file.Path

/** The real command line in its own process: {@code junction run} reloaded with a real SIGHUP, {@code junction demo}. */
class ProcessSpec extends Specification {

    @TempDir Path dir
    TestBackend a = new TestBackend('a')
    TestBackend b = new TestBackend('b')
    JunctionProcess junction

    def cleanup() {
        junction?.close()
        [a, b]*.close()
    }

    static String script(int port, TestBackend backend) {
        "pool('web') {\n    backend '$backend.url'\n}\nhttp('public', port: $port, bind: '127.0.0.1') {\n    otherwise { forward 'web' }\n}\n"
    }

    /** {@code junction COMMAND ARGS} in a child JVM with {@code systemProperties} as -D. */
    private JunctionProcess start(List<String> systemProperties, String... commandAndArgs) {
        // the admin listener's default port may be taken by another test run on this machine
        JunctionProcess.start(dir.resolve('junction.log'), ['-Djunction.admin.port=0', *systemProperties], commandAndArgs)
    }

    /** An address of this machine that is not loopback, if it has one. */
    private static InetAddress externalAddress() {
        NetworkInterface.networkInterfaces().flatMap { it.inetAddresses() }
                .filter { it instanceof Inet4Address && !it.loopbackAddress }.findFirst().orElse(null)
    }

    private static boolean accepts(InetAddress address, int port) {
        try {
            new Socket().withCloseable { it.connect(new InetSocketAddress(address, port), 2000); true }
        } catch (IOException ignored) {
            false
        }
    }

    /** A connection that had one exchange and is kept alive; reads on it time out after 10 s. */
    private static Socket keptAlive(int port) {
        def socket = new Socket(InetAddress.loopbackAddress, port)
        socket.soTimeout = 10_000
        socket.outputStream.write('GET / HTTP/1.1\r\nHost: a\r\n\r\n'.bytes)
        def head = new StringBuilder()
        while (!head.toString().endsWith('\r\n\r\n')) {
            head.append((char) socket.inputStream.read())
        }
        int length = (head.toString() =~ /(?i)content-length: *(\d+)/)[0][1] as int
        assert new String(socket.inputStream.readNBytes(length)) == 'a'
        socket
    }

    def "a server started with SIGHUP ignored (as nohup starts it) says it cannot reload on SIGHUP and names the other ways"() {
        given:
        int port = Junction.refusedPort()
        def conf = Files.createDirectories(dir.resolve('conf.d'))
        Files.writeString(conf.resolve('web.groovy'), script(port, a))

        when:
        junction = JunctionProcess.startUnder(['env', '--ignore-signal=HUP'], dir.resolve('junction.log'),
                ['-Djunction.admin.port=0'], 'run', '--conf', conf.toString(), '--plugins', Junction.PLUGINS.toString())

        then:
        JunctionProcess.STARTED.eventually { assert JunctionProcess.answer(port) == 'a' }
        junction.output().contains("warning: SIGHUP was ignored when this process started (nohup?), so it cannot reload it: "
                + "use 'junction reload' or POST /api/reload on the admin listener")
    }

    def "SIGHUP reloads conf.d: a valid change takes effect, a broken one is logged as file:line and changes nothing"() {
        given:
        int port = Junction.refusedPort()
        def conf = Files.createDirectories(dir.resolve('conf.d'))
        def scriptFile = conf.resolve('web.groovy')
        Files.writeString(scriptFile, script(port, a))
        junction = start([], 'run', '--conf', conf.toString(), '--plugins', Junction.PLUGINS.toString())
        def eventually = new PollingConditions(timeout: 30, delay: 0.1)

        expect:
        JunctionProcess.STARTED.eventually { assert JunctionProcess.answer(port) == 'a' }

        when:
        Files.writeString(scriptFile, script(port, b))
        junction.signal('HUP')

        then:
        eventually.eventually { assert JunctionProcess.answer(port) == 'b' : "not reloaded; the process said:\n${junction.output()}\nits threads:\n${junction.threads()}" }

        when:
        Files.writeString(scriptFile, "pool('web') {\n    backend '$a.url'\n    balance 'nope'\n}\n" +
                "http('public', port: $port, bind: '127.0.0.1') { otherwise { forward 'web' } }\n")
        junction.signal('HUP')

        then:
        eventually.eventually { assert junction.output().contains("web.groovy:1:") }
        junction.output().contains("unknown balancing strategy 'nope'")
        JunctionProcess.answer(port) == 'b'
        junction.alive
    }

    /** A child serving {@code a} on {@code port} with the engine under test and a drain timeout of {@link #DRAIN_TIMEOUT_S}. */
    private JunctionProcess startDraining(int port) {
        def conf = Files.createDirectories(dir.resolve('conf.d'))
        Files.writeString(conf.resolve('web.groovy'), script(port, a))
        def process = start(["-Djunction.http.engine=$Junction.ENGINE" as String, "-Djunction.drain.timeout=${DRAIN_TIMEOUT_S}s" as String],
                'run', '--conf', conf.toString(), '--plugins', Junction.PLUGINS.toString())
        JunctionProcess.STARTED.eventually { assert JunctionProcess.answer(port) == 'a' }
        process
    }

    static final int DRAIN_TIMEOUT_S = 60

    def "SIGTERM: new connections are refused, an idle keep-alive one and one that never sent a request see EOF at once, a slow request in flight completes, the exit status is 0"() {
        given:
        int port = Junction.refusedPort()
        junction = startDraining(port)
        def eventually = new PollingConditions(timeout: 30, delay: 0.05)
        def idle = keptAlive(port)
        def unused = new Socket(InetAddress.loopbackAddress, port)
        unused.soTimeout = 10_000

        when: 'a request waits at the backend while SIGTERM arrives'
        def slow = Thread.start { slowAnswer = JunctionProcess.answer(port, '/gate') }
        eventually.eventually { assert a.waiting.get() == 1 }
        long termAt = System.nanoTime()
        junction.signal('TERM')

        then: 'the listener stops accepting'
        eventually.eventually { assert !accepts(InetAddress.loopbackAddress, port) }

        and: 'the idle and the unused connection are closed while the request is still in flight, long before the drain timeout'
        idle.withCloseable { it.inputStream.read() } == -1
        unused.withCloseable { it.inputStream.read() } == -1
        (System.nanoTime() - termAt).intdiv(1_000_000_000) < DRAIN_TIMEOUT_S.intdiv(6)
        junction.alive
        a.waiting.get() == 1

        when:
        a.openGate()
        slow.join(30_000)

        then:
        slowAnswer == 'a'
        junction.process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)
        junction.process.exitValue() == 0
    }

    def "a second SIGTERM ends the process at once, without waiting for the request in flight"() {
        given:
        int port = Junction.refusedPort()
        junction = startDraining(port)
        def eventually = new PollingConditions(timeout: 30, delay: 0.05)
        Thread.start { JunctionProcess.answer(port, '/gate') }
        eventually.eventually { assert a.waiting.get() == 1 }

        when:
        junction.signal('TERM')
        eventually.eventually { assert !accepts(InetAddress.loopbackAddress, port) }
        junction.signal('TERM')

        then: 'it is gone well before the drain timeout, with the status of a process ended by SIGTERM'
        junction.process.waitFor(DRAIN_TIMEOUT_S.intdiv(6), java.util.concurrent.TimeUnit.SECONDS)
        junction.process.exitValue() == 143
        a.waiting.get() == 1
    }

    String slowAnswer

    def "demo binds every listener to loopback even when conf.d binds 0.0.0.0, and prints where it listens"() {
        given:
        int port = Junction.refusedPort()
        List<Integer> backendPorts = [Junction.refusedPort(), Junction.refusedPort()]
        def conf = Files.createDirectories(dir.resolve('conf.d'))
        Files.writeString(conf.resolve('demo.groovy'), "pool('demo') {\n    backend 'http://127.0.0.1:${backendPorts[0]}'\n}\n" +
                "http('public', port: $port, bind: '0.0.0.0') {\n    otherwise { forward 'demo' }\n}\n")
        junction = start(["-Djunction.demo.backend-ports=${backendPorts.join(',')}" as String],
                'demo', '--conf', conf.toString(), '--plugins', Junction.PLUGINS.toString())
        def eventually = new PollingConditions(timeout: 30, delay: 0.1)

        expect: 'the address printed is the one the socket is bound to'
        JunctionProcess.STARTED.eventually { assert junction.output().contains("listener 'public' on 127.0.0.1:$port") }
        JunctionProcess.answer(port).startsWith('Hello from demo backend 1')

        and: 'from the network it cannot be reached'
        def external = externalAddress()
        external == null || !accepts(external, port)
    }
}
