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
 * as JARs from the folder Maven copied them to, an empty drop-in plugins folder of its own,
 * listeners on ephemeral loopback ports.
 */
class Junction implements Closeable {

    /** The built-in plugin JARs, as the build lays them out. */
    static final Path PLUGINS = Path.of(System.getProperty('junction.test.plugins', 'target/builtin-plugins'))
    /** The engine every spec runs on ({@code -Djunction.test.engine=undertow}); a spec's own setting wins. */
    static final String ENGINE = System.getProperty('junction.test.engine', 'own')

    final Path confDir
    /** The drop-in plugins folder, {@code plugins} beside conf.d; a spec may put JARs there before starting. */
    final Path pluginsDir
    final JunctionServer server
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build()

    /**
     * @param scripts file name -> script text
     * @param builtinPluginsDir where built-in plugin JARs are loaded from (default: the built-in plugins; an empty folder for none)
     */
    Junction(Path dir, Map<String, String> scripts, Map<String, String> settings = [:], Path builtinPluginsDir = PLUGINS) {
        confDir = Files.createDirectories(dir.resolve('conf.d'))
        pluginsDir = Files.createDirectories(dir.resolve('plugins'))
        write(scripts)
        server = JunctionServer.builder().confDir(confDir).builtinPluginsDir(builtinPluginsDir).pluginsDir(pluginsDir)
                .settings(JunctionSettings.load(null, ['junction.http.engine': ENGINE] + settings)).build()
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
