package io.junction.e2e.admin

import com.fasterxml.jackson.databind.ObjectMapper
import io.junction.e2e.Junction
import io.junction.server.admin.AdminListener
import io.junction.server.admin.BackendControl
import io.junction.server.config.JunctionSettings

import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration

/** The admin listener of a spec's {@link Junction} on an ephemeral loopback port, and a client for it. */
class AdminClient implements Closeable {

    final AdminListener listener
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build()

    AdminClient(Junction junction, String token = '', BackendControl control = BackendControl.NOT_AVAILABLE) {
        listener = AdminListener.start(new JunctionSettings.Admin('127.0.0.1', 0, token), junction.server, control)
    }

    String getBase() {
        "http://127.0.0.1:${listener.address().port}"
    }

    HttpResponse<String> send(String method, String path, Map<String, String> headers = [:]) {
        def request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody())
        headers.each { name, value -> request.header(name, value) }
        client.send(request.build(), HttpResponse.BodyHandlers.ofString())
    }

    /** GET /api/status as a map. */
    Map status() {
        def response = send('GET', '/api/status')
        assert response.statusCode() == 200
        json(response) as Map
    }

    static Object json(HttpResponse<String> response) {
        new ObjectMapper().readValue(response.body(), Object)
    }

    @Override
    void close() {
        listener.close()
    }
}
