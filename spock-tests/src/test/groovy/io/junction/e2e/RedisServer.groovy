package io.junction.e2e

import spock.util.concurrent.PollingConditions

import java.nio.file.Files
import java.nio.file.Path

/**
 * A real redis-server of a spec's own: a free loopback port, a temp dir, no persistence; never the system service.
 * {@link #stop} kills it, {@link #start} brings it back on the same port (empty).
 */
class RedisServer implements Closeable {

    static final String BINARY = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find { Files.isExecutable(Path.of(it)) } ?: 'redis-server'

    final int port
    private final Path dir
    private Process process

    RedisServer(Path dir) {
        this.dir = Files.createDirectories(dir)
        this.port = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()).withCloseable { it.localPort }
        start()
    }

    String getUri() { "redis://127.0.0.1:$port" }

    void start() {
        process = new ProcessBuilder(BINARY, '--port', "$port", '--bind', '127.0.0.1', '--dir', dir.toString(),
                '--save', '', '--appendonly', 'no', '--daemonize', 'no')
                .redirectErrorStream(true).redirectOutput(dir.resolve('redis.log').toFile()).start()
        new PollingConditions(timeout: 10, delay: 0.05).eventually { assert accepts() }
    }

    void stop() {
        process.destroyForcibly().waitFor()
        new PollingConditions(timeout: 10, delay: 0.05).eventually { assert !accepts() }
    }

    private boolean accepts() {
        try {
            new Socket(InetAddress.getLoopbackAddress(), port).close()
            true
        } catch (IOException ignored) {
            false
        }
    }

    @Override
    void close() {
        process?.destroyForcibly()?.waitFor()
    }
}
