package io.junction.e2e

import javax.net.ssl.KeyManagerFactory
import javax.net.ssl.SSLContext
import javax.net.ssl.SSLServerSocket
import java.nio.file.Files
import java.nio.file.Path
import java.security.KeyStore

/**
 * A real TLS backend on a loopback ephemeral port with its own certificate for {@code serverName} (made by the JDK's
 * keytool): it answers each line with its server name and the line.
 */
class TlsBackend implements Closeable {

    static final char[] PASSWORD = 'changeit'.toCharArray()

    final String serverName
    final KeyStore keyStore
    final SSLServerSocket server

    TlsBackend(Path dir, String serverName) {
        this.serverName = serverName
        Path file = dir.resolve("${serverName}.p12")
        def keytool = Path.of(System.getProperty('java.home'), 'bin', 'keytool').toString()
        def process = new ProcessBuilder(keytool, '-genkeypair', '-alias', 'server', '-keyalg', 'EC', '-groupname', 'secp256r1',
                '-dname', "CN=$serverName", '-ext', "SAN=dns:$serverName", '-validity', '2',
                '-keystore', file.toString(), '-storetype', 'PKCS12', '-storepass', new String(PASSWORD))
                .redirectErrorStream(true).start()
        assert process.waitFor() == 0: process.inputStream.text
        keyStore = KeyStore.getInstance('PKCS12')
        Files.newInputStream(file).withCloseable { keyStore.load(it, PASSWORD) }
        def keys = KeyManagerFactory.getInstance(KeyManagerFactory.defaultAlgorithm).tap { init(keyStore, PASSWORD) }
        def context = SSLContext.getInstance('TLS').tap { init(keys.keyManagers, null, null) }
        server = (SSLServerSocket) context.serverSocketFactory.createServerSocket(0, 50, InetAddress.getLoopbackAddress())
        Thread.startDaemon('tls-backend') {
            while (!server.closed) {
                try {
                    def socket = server.accept()
                    Thread.startDaemon('tls-conversation') { converse(socket) }
                } catch (IOException ignored) {
                    return
                }
            }
        }
    }

    String getUrl() { "tcp://127.0.0.1:$server.localPort" }

    private void converse(Socket socket) {
        socket.withCloseable {
            def reader = it.inputStream.newReader('US-ASCII')
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                it.outputStream.write("$serverName: $line\n".getBytes('US-ASCII'))
                it.outputStream.flush()
            }
        }
    }

    @Override
    void close() {
        server.close()
    }
}
