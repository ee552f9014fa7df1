package io.junction.e2e.tls

import io.junction.core.tls.CertificateFiles

import javax.net.ssl.ExtendedSSLSession
import javax.net.ssl.KeyManagerFactory
import javax.net.ssl.SNIHostName
import javax.net.ssl.SSLContext
import javax.net.ssl.SSLPeerUnverifiedException
import javax.net.ssl.SSLServerSocket
import javax.net.ssl.SSLSocket
import javax.net.ssl.TrustManager
import javax.net.ssl.TrustManagerFactory
import java.security.KeyStore
import java.security.cert.X509Certificate
import java.util.concurrent.atomic.AtomicInteger

/**
 * A real HTTPS/1.1 backend on a loopback ephemeral port with a certificate of {@link TestCertificates}. Every GET is
 * answered 200 with what the handshake told it: {@code sni=<server name or none> client=<client certificate's
 * subject or none>}, with the status in {@link #status} (200 unless a test says otherwise). With {@code requireClient} it refuses handshakes without a client certificate the test root
 * verifies (mTLS).
 */
class HttpsBackend implements Closeable {

    final SSLServerSocket server
    final AtomicInteger handshakes = new AtomicInteger()
    volatile int status = 200

    HttpsBackend(TestCertificates certificates, String file, boolean requireClient = false) {
        def identity = CertificateFiles.pem(certificates.dir, "${file}.pem", "${file}.key", ['any'])
        def keys = KeyStore.getInstance('PKCS12').tap {
            load(null, null)
            setKeyEntry('server', identity.key(), new char[0], identity.chain() as X509Certificate[])
        }
        def keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.defaultAlgorithm).tap { init(keys, new char[0]) }
        def context = SSLContext.getInstance('TLS')
        context.init(keyManagers.keyManagers, trustManagers(certificates), null)
        server = (SSLServerSocket) context.serverSocketFactory.createServerSocket(0, 50, InetAddress.loopbackAddress)
        server.needClientAuth = requireClient
        Thread.startDaemon('https-backend') {
            while (!server.closed) {
                try {
                    def socket = (SSLSocket) server.accept()
                    Thread.startDaemon('https-conversation') { converse(socket) }
                } catch (IOException ignored) {
                    return
                }
            }
        }
    }

    int getPort() { server.localPort }

    /** Client certificates must lead to the test root. */
    private static TrustManager[] trustManagers(TestCertificates certificates) {
        def trusted = KeyStore.getInstance('PKCS12').tap { load(null, null) }
        trusted.setCertificateEntry('root', CertificateFiles.certificates(certificates.dir, 'root.crt')[0])
        TrustManagerFactory.getInstance(TrustManagerFactory.defaultAlgorithm).tap { init(trusted) }.trustManagers
    }

    private void converse(SSLSocket socket) {
        socket.withCloseable {
            try {
                socket.startHandshake()
            } catch (IOException ignored) {
                return
            }
            handshakes.incrementAndGet()
            def session = (ExtendedSSLSession) socket.session
            def sni = session.requestedServerNames.findResult { it instanceof SNIHostName ? it.asciiName : null } ?: 'none'
            String client
            try {
                client = session.peerPrincipal.name
            } catch (SSLPeerUnverifiedException ignored) {
                client = 'none'
            }
            byte[] body = "sni=$sni client=$client".getBytes('US-ASCII')
            def reader = socket.inputStream.newReader('US-ASCII')
            while (true) {
                def line = reader.readLine()
                if (line == null) {
                    return
                }
                while (line) {
                    line = reader.readLine()
                }
                socket.outputStream.write("HTTP/1.1 $status Status\r\nContent-Length: $body.length\r\n\r\n".getBytes('US-ASCII'))
                socket.outputStream.write(body)
                socket.outputStream.flush()
            }
        }
    }

    @Override
    void close() {
        server.close()
    }
}
