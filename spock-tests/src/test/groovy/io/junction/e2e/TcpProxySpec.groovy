package io.junction.e2e

import io.junction.server.metrics.MetricNames
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir
import spock.util.concurrent.PollingConditions

import java.nio.ByteBuffer
import java.nio.file.Path
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import java.util.zip.CRC32

/** tcp listeners forward bytes untouched to tcp:// backends, with real sockets on loopback. */
class TcpProxySpec extends Specification {

    static final int MB = 1024 * 1024
    static final Closure V2_FROM_LOOPBACK = { Socket s ->
        [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A, 0x21, 0x11, 0, 12,
         127, 0, 0, 1, 127, 0, 0, 1, s.localPort >> 8, s.localPort & 0xff, s.port >> 8, s.port & 0xff]
    }

    @TempDir Path dir
    @AutoCleanup('close') Junction junction
    List<Closeable> cleanup = []
    def poll = new PollingConditions(timeout: 10)

    def cleanup() {
        cleanup.reverseEach { it.close() }
    }

    private TcpEchoBackend backend(String farewell = '') {
        def backend = new TcpEchoBackend(farewell)
        cleanup << backend
        backend
    }

    private static String script(List<String> backendUrls, String listenerOptions = '', String poolWords = '') {
        """pool('db') {
${backendUrls.collect { "    backend '$it'" }.join('\n')}
    timeouts connect: '2s'
    $poolWords
}
tcp('db', port: 0, bind: '127.0.0.1'$listenerOptions) { forward 'db' }
"""
    }

    private Junction start(List<String> backendUrls, String listenerOptions = '', String poolWords = '') {
        junction = new Junction(dir, ['db.groovy': script(backendUrls, listenerOptions, poolWords)])
    }

    private Socket connect() {
        def socket = new Socket('127.0.0.1', junction.server.port('db'))
        socket.soTimeout = 20_000
        cleanup << socket
        socket
    }

    private static byte[] roundTrip(Socket socket, String text) {
        socket.outputStream.write(text.bytes)
        socket.inputStream.readNBytes(text.length())
    }

    private static boolean ended(Socket socket) {
        try {
            socket.inputStream.read() == -1
        } catch (SocketException e) {
            e.message.contains('reset')
        }
    }

    private long metric(String name) {
        def metric = junction.server.metrics().metrics[name]
        metric.hasProperty('count') ? metric.count : metric.value
    }

    def "an echo round trip, counted per listener and per backend"() {
        given:
        def echo = backend()
        start([echo.url])

        when:
        def socket = connect()
        def answer = roundTrip(socket, 'hello junction')
        socket.close()

        then:
        new String(answer) == 'hello junction'
        poll.eventually {
            assert metric(MetricNames.listenerActiveConnections('db')) == 0
        }
        metric(MetricNames.listenerConnections('db')) == 1
        metric(MetricNames.listenerBytesIn('db')) == 14
        metric(MetricNames.listenerBytesOut('db')) == 14
        metric(MetricNames.backendBytesOut(echo.url)) == 14
        metric(MetricNames.backendBytesIn(echo.url)) == 14
    }

    def "half-close: the client shuts its output and still receives everything the backend sends after that"() {
        given:
        def echo = backend('bye after your FIN\n')
        start([echo.url])
        def socket = connect()

        when:
        def received = exchange(socket, 1 * MB)

        then:
        received.bytes == 1 * MB + 'bye after your FIN\n'.length()
        received.tail.endsWith('bye after your FIN\n')
    }

    def "200 MB each way arrive whole and in order, in bounded time"() {
        given:
        def echo = backend()
        start([echo.url])
        def socket = connect()

        when:
        long started = System.nanoTime()
        def received = exchange(socket, 200 * MB)
        long seconds = (System.nanoTime() - started) / 1_000_000_000

        then:
        echo.received.get() == 200 * MB
        received.bytes == 200 * MB
        received.crc == received.sentCrc
        seconds < 60
    }

    def "a client that reads nothing stops Junction reading its backend: it holds no more than socket buffers, and all arrives once the client reads"() {
        given: 'a backend that sends 64 MB at once'
        def server = new ServerSocket(0, 50, InetAddress.getByName('127.0.0.1'))
        cleanup << server
        def sentAll = new CountDownLatch(1)
        def sentCrc = new CRC32()
        Thread.start('bulk-backend') {
            server.accept().withCloseable { Socket s ->
                def random = new Random(7)
                byte[] block = new byte[64 * 1024]
                for (int i = 0; i < 64 * MB / block.length; i++) {
                    random.nextBytes(block)
                    sentCrc.update(block)
                    s.outputStream.write(block)
                }
                s.shutdownOutput()
                sentAll.countDown()
                s.inputStream.read()
            }
        }
        start(["tcp://127.0.0.1:${server.localPort}"])

        when: 'a client with a small receive buffer connects and reads nothing'
        def socket = new Socket()
        cleanup << socket
        socket.receiveBufferSize = 64 * 1024
        socket.connect(new InetSocketAddress('127.0.0.1', junction.server.port('db')))
        socket.soTimeout = 20_000
        poll.eventually { assert metric(MetricNames.listenerBytesOut('db')) > 0 }

        then: 'the backend cannot finish: Junction read only what the sockets toward the client hold'
        !sentAll.await(3, TimeUnit.SECONDS)
        metric(MetricNames.listenerBytesOut('db')) < 16 * MB

        when: 'the client reads'
        def crc = new CRC32()
        long bytes = 0
        byte[] buffer = new byte[64 * 1024]
        for (int n = socket.inputStream.read(buffer); n >= 0; n = socket.inputStream.read(buffer)) {
            crc.update(buffer, 0, n)
            bytes += n
        }

        then:
        bytes == 64 * MB
        sentAll.await(20, TimeUnit.SECONDS)
        crc.value == sentCrc.value
    }

    def "a backend that #why is skipped: the connection goes to the next backend before any byte is forwarded"() {
        given: 'host names are resolved off the I/O threads while the configuration is applied'
        def echo = backend()
        start([skipped, next(echo)])

        when:
        def answers = (1..4).collect { new String(roundTrip(connect(), "hello $it")) }

        then:
        answers == (1..4).collect { "hello $it".toString() }
        echo.connections.get() == 4
        metric(MetricNames.backendConnectFailures(skipped)) >= 1

        where:
        why                            | skipped                                      | next
        'refuses'                      | "tcp://127.0.0.1:${Junction.refusedPort()}"  | { TcpEchoBackend e -> e.url }
        'has a name that does not resolve' | 'tcp://no-such-host.invalid:5432'        | { TcpEchoBackend e -> "tcp://localhost:$e.port" }
    }

    def "when every backend is down the client connection is closed promptly"() {
        given:
        start(["tcp://127.0.0.1:${Junction.refusedPort()}", "tcp://127.0.0.1:${Junction.refusedPort()}"])

        when:
        long started = System.nanoTime()
        def socket = connect()
        int read = socket.inputStream.read()
        long millis = (System.nanoTime() - started) / 1_000_000

        then:
        read == -1
        millis < 2000
    }

    def "a connection without traffic for idleTimeout (#idleMillisLimit ms) is closed; traffic keeps it open"() {
        given:
        def echo = backend()
        start([echo.url], ", idleTimeout: '${idleMillisLimit}ms'")
        def socket = connect()

        when: 'bytes move every 200 ms for 2 s, then none (a 1 s stall of this thread in between still keeps it open)'
        long deadline = System.nanoTime() + 2_000_000_000L
        long lastSent = 0 // Junction moved the last byte after this instant, so its idle time is at least ours
        while (System.nanoTime() < deadline) {
            lastSent = System.nanoTime()
            assert new String(roundTrip(socket, 'x')) == 'x'
            Thread.sleep(200) // pacing the client's traffic, not waiting for Junction
        }
        int read = socket.inputStream.read()
        long idleMillis = (System.nanoTime() - lastSent) / 1_000_000

        then:
        read == -1
        idleMillis >= idleMillisLimit
        idleMillis < idleMillisLimit + 4000
        poll.eventually { assert echo.open.get() == 0 }

        where:
        idleMillisLimit = 1200
    }

    def "a reset from the client is passed on to the backend as a reset"() {
        given:
        def echo = backend()
        start([echo.url])
        def socket = connect()
        roundTrip(socket, 'hello')

        when:
        socket.setSoLinger(true, 0)
        socket.close()

        then:
        poll.eventually { assert echo.resets.get() == 1 }
    }

    def "1,000 concurrent connections each get their own bytes back"() {
        given:
        def echo = backend()
        start([echo.url])

        when:
        def sockets = (1..1000).collect { connect() }
        sockets.eachWithIndex { socket, i -> socket.outputStream.write(String.format('%08d', i).bytes) }
        def answers = sockets.collect { new String(it.inputStream.readNBytes(8)) }

        then:
        answers == (0..<1000).collect { String.format('%08d', it) }
        metric(MetricNames.listenerActiveConnections('db')) == 1000
        echo.open.get() == 1000

        when:
        sockets*.close()

        then:
        poll.eventually {
            assert metric(MetricNames.listenerActiveConnections('db')) == 0
            assert echo.open.get() == 0
        }
    }

    def "at maxConnections the listener stops accepting, counted, and takes the next connection when one ends"() {
        given:
        def echo = backend()
        start([echo.url], ', maxConnections: 2')
        def first = connect()
        def second = connect()
        roundTrip(first, 'one')
        roundTrip(second, 'two')

        when: 'a third client connects (the kernel queues it) and sends'
        def third = connect()
        third.outputStream.write('three'.bytes)
        third.soTimeout = 500
        third.inputStream.read()

        then: 'it waits: nothing reaches a backend for it'
        thrown(SocketTimeoutException)
        metric(MetricNames.listenerConnectionCapStops('db')) >= 1
        metric(MetricNames.listenerConnections('db')) == 2
        echo.connections.get() == 2
        new String(roundTrip(first, 'still here')) == 'still here'

        when: 'one of the two ends'
        first.close()
        third.soTimeout = 20_000

        then: 'the third is accepted and forwarded, its bytes untouched'
        new String(third.inputStream.readNBytes(5)) == 'three'
        metric(MetricNames.listenerConnections('db')) == 3
        echo.connections.get() == 3
    }

    def "with proxyProtocol #version on the #side the backend first receives who the client is, then the client's bytes"() {
        given: 'the echo backend sends back exactly what it received'
        def echo = backend()
        side == 'listener' ? start([echo.url], ", proxyProtocol: '$version'")
                : start([echo.url], ", proxyProtocol: 'v1'", "proxyProtocol '$version'")
        def socket = connect()

        when:
        socket.outputStream.write('hello'.bytes)
        socket.shutdownOutput()
        byte[] received = socket.inputStream.readAllBytes()

        then:
        received as List == ((header(socket) as byte[]) as List) + ('hello'.bytes as List)

        where:
        side       | version | header
        'listener' | 'v1'    | { Socket s -> "PROXY TCP4 127.0.0.1 127.0.0.1 $s.localPort $s.port\r\n".bytes }
        'listener' | 'v2'    | V2_FROM_LOOPBACK
        'pool'     | 'v2'    | V2_FROM_LOOPBACK
        'pool'     | 'none'  | { Socket s -> [] }
    }

    def "a #version header from a trusted balancer is taken off; backends are told the client it names"() {
        given: 'the listener trusts loopback and sends v1 to its backend, which echoes what it received'
        def echo = backend()
        start([echo.url], ", acceptProxyFrom: ['10.0.0.0/8', '127.0.0.1/32'], proxyProtocol: 'v1'")
        def socket = connect()

        when:
        socket.outputStream.write(header as byte[])
        socket.outputStream.write('hello'.bytes)
        socket.shutdownOutput()

        then:
        new String(socket.inputStream.readAllBytes(), 'US-ASCII') == 'PROXY TCP4 203.0.113.7 192.0.2.1 5555 443\r\nhello'
        metric(MetricNames.listenerProxyRefused('db')) == 0

        where:
        version | header
        'v1'    | 'PROXY TCP4 203.0.113.7 192.0.2.1 5555 443\r\n'.bytes
        'v2'    | [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A, 0x21, 0x11, 0, 12,
                   203, 0, 113, 7, 192, 0, 2, 1, 0x15, 0xb3, 0x01, 0xbb]
    }

    def "consistent-hash on client-ip keys a #family connection by the client its PROXY #version header names, not by the socket peer"() {
        given: 'three backends that name themselves when the client ends its output; the listener trusts loopback'
        def backends = ['a', 'b', 'c'].collect { backend(it) }
        start(backends*.url, ", acceptProxyFrom: ['127.0.0.1/32']", "balance 'consistent-hash', key: 'client-ip'")
        def oracle = new StrategyOracle('consistent-hash', [key: 'client-ip'], backends*.url)
        cleanup << oracle
        Closure<String> expected = { String client -> backends.find { it.url == oracle.pick(InetAddress.getByName(client).hostAddress) }.farewell }

        and: 'two clients the strategy sends to different backends (every connection comes from the same socket peer, 127.0.0.1)'
        def clients = [candidates[0], candidates.find { expected(it) != expected(candidates[0]) }]

        when: 'each client connects twenty times through the trusted balancer'
        def landed = clients.collectEntries { client ->
            [client, (1..20).collect { answeredBy(connect(), proxyHeader(version, client)) }.toSet()]
        }

        then: 'every connection of a client lands on the one backend the strategy picks for that client'
        clients[1] != null
        landed == clients.collectEntries { [it, [expected(it)] as Set] }

        where:
        version | family | candidates
        'v1'    | 'IPv4' | (1..20).collect { "203.0.113.$it".toString() }
        'v2'    | 'IPv4' | (1..20).collect { "198.51.100.$it".toString() }
        'v1'    | 'IPv6' | (1..20).collect { "2001:db8::${Integer.toHexString(it)}".toString() }
        'v2'    | 'IPv6' | (1..20).collect { "2001:db8:1::${Integer.toHexString(it)}".toString() }
    }

    /** Sends {@code header} and a greeting, ends the output and returns the name the backend added after the echo. */
    private static String answeredBy(Socket socket, byte[] header) {
        socket.outputStream.write(header)
        socket.outputStream.write('hi'.bytes)
        socket.shutdownOutput()
        def answer = new String(socket.inputStream.readAllBytes(), 'US-ASCII')
        socket.close()
        assert answer.startsWith('hi')
        answer.substring(2)
    }

    /** A PROXY header (HAProxy's proxy-protocol.txt) from {@code client} port 5555 to a destination of the same family, port 443. */
    private static byte[] proxyHeader(String version, String client) {
        def source = InetAddress.getByName(client)
        def destination = InetAddress.getByName(source instanceof Inet6Address ? '2001:db8::1' : '192.0.2.1')
        if (version == 'v1') {
            def family = source instanceof Inet6Address ? 'TCP6' : 'TCP4'
            return "PROXY $family $client ${destination.hostAddress} 5555 443\r\n".getBytes('US-ASCII')
        }
        int length = source.address.length * 2 + 4
        def header = ByteBuffer.allocate(16 + length)
        header.put([0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A] as byte[])
        header.put(0x21 as byte).put((source instanceof Inet6Address ? 0x21 : 0x11) as byte).putShort(length as short)
        header.put(source.address).put(destination.address).putShort(5555 as short).putShort(443 as short)
        header.array()
    }

    def "acceptProxyFrom closes the connection, counted, when #why"() {
        given:
        def echo = backend()
        start([echo.url], ", acceptProxyFrom: ['$trusted'], idleTimeout: '1s'")
        def socket = connect()

        when:
        socket.outputStream.write(sent.bytes)

        then: 'the client sees its connection end (a reset when its bytes arrived after the close); no backend was asked'
        ended(socket)
        poll.eventually { assert metric(MetricNames.listenerProxyRefused('db')) == 1 }
        echo.connections.get() == 0

        where:
        why                                        | trusted      | sent
        'the peer is not a trusted balancer'       | '10.0.0.0/8' | 'PROXY TCP4 203.0.113.7 192.0.2.1 5555 443\r\nhello'
        'the header is malformed'                  | '127.0.0.1'  | 'PROXY TCP4 203.0.113.7 5555 443\r\nhello'
        'there is no header'                       | '127.0.0.1'  | 'hello\r\n'
        'the header does not end in time'          | '127.0.0.1'  | 'PROXY TCP4 203.0.113.7'
    }

    def "a connection open across a reload keeps working on its backend; new connections use the new generation"() {
        given:
        def a = backend()
        def b = backend()
        start([a.url])
        def old = connect()
        roundTrip(old, 'before')

        when:
        def result = junction.reload(['db.groovy': script([b.url])])
        def fresh = connect()

        then:
        result.succeeded()
        new String(roundTrip(old, 'after reload')) == 'after reload'
        new String(roundTrip(fresh, 'new')) == 'new'
        a.connections.get() == 1
        b.connections.get() == 1
        a.received.get() == 'before'.length() + 'after reload'.length()
    }

    /**
     * Writes {@code count} pseudo-random bytes from a second thread, then shuts the output; reads everything until
     * the end of input meanwhile. Both sides keep a CRC32.
     */
    private static Map exchange(Socket socket, long count) {
        def sentCrc = new CRC32()
        def writer = Thread.start('tcp-writer') {
            def random = new Random(42)
            byte[] block = new byte[64 * 1024]
            def output = socket.outputStream
            for (long left = count; left > 0; left -= block.length) {
                random.nextBytes(block)
                int n = (int) Math.min(block.length, left)
                sentCrc.update(block, 0, n)
                output.write(block, 0, n)
            }
            socket.shutdownOutput()
        }
        def crc = new CRC32()
        long bytes = 0
        byte[] buffer = new byte[64 * 1024]
        byte[] last = new byte[0]
        def input = socket.inputStream
        for (int n = input.read(buffer); n >= 0; n = input.read(buffer)) {
            crc.update(buffer, 0, n)
            bytes += n
            last = Arrays.copyOfRange(buffer, Math.max(0, n - 64), n)
        }
        writer.join()
        [bytes: bytes, crc: crc.value, sentCrc: sentCrc.value, tail: new String(last, 'ISO-8859-1')]
    }
}
