package io.junction.e2e

import io.junction.server.JunctionServer
import io.junction.server.ReloadResult
import io.junction.server.config.JunctionSettings

import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration

/**
 * A real Junction server for a spec: scripts written to a temp conf.d, the built-in plugins loaded
 * as JARs from the folder Maven copied them to, listeners on ephemeral loopback ports.
 */
class Junction implements Closeable {

    static final Path PLUGINS = Path.of(System.getProperty('junction.test.plugins', 'target/plugins'))

    final Path confDir
    final JunctionServer server
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build()

    /**
     * @param scripts file name -> script text
     * @param pluginsDir where plugin JARs are loaded from (default: the built-in plugins)
     */
    Junction(Path dir, Map<String, String> scripts, Map<String, String> settings = [:], Path pluginsDir = PLUGINS) {
        confDir = Files.createDirectories(dir.resolve('conf.d'))
        write(scripts)
        server = JunctionServer.builder().confDir(confDir).pluginsDir(pluginsDir)
                .settings(JunctionSettings.load(null, settings)).build()
        server.start()
    }

    /** A script with one pool 'web' ({@code poolBody} inside it) and a loopback listener 'public' forwarding everything there. */
    static String onePool(String poolBody) {
        """pool('web') {
$poolBody
}
http('public', port: 0, bind: '127.0.0.1') {
    otherwise { forward 'web' }
}
"""
    }

    void write(Map<String, String> scripts) {
        scripts.each { name, text -> Files.writeString(confDir.resolve(name), text) }
    }

    ReloadResult reload(Map<String, String> scripts) {
        write(scripts)
        server.reload()
    }

    URI uri(String listener = 'public', String path = '/') {
        URI.create("http://127.0.0.1:${server.port(listener)}$path")
    }

    HttpResponse<String> get(String path, String listener = 'public') {
        client.send(HttpRequest.newBuilder(uri(listener, path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString())
    }

    @Override
    void close() {
        server.close()
    }

    /** A loopback port nothing listens on: connecting to it is refused. */
    static int refusedPort() {
        new ServerSocket(0, 1, InetAddress.getLoopbackAddress()).withCloseable { it.localPort }
    }
}
