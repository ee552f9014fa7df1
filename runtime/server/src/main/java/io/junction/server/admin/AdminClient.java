package io.junction.server.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.junction.server.ReloadResult;
import io.junction.server.config.JunctionSettings;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The command line's side of the admin API: {@code junction reload} asks the running process. */
public final class AdminClient {

    private AdminClient() {
    }

    /**
     * POSTs {@code /api/reload} to the admin listener the settings name, with their token.
     *
     * @throws IOException naming the address when nothing answers there, or the answer when it is not a reload result
     */
    public static ReloadResult reload(JunctionSettings.Admin admin) throws IOException {
        String address = admin.bind().contains(":") ? "[" + admin.bind() + "]:" + admin.port() : admin.bind() + ":" + admin.port();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + address + "/api/reload"))
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (admin.tokenRequired()) {
            request.header("Authorization", "Bearer " + admin.token());
        }
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new IOException("no junction answers at " + address + " (junction.admin.bind, junction.admin.port)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() != 200 && response.statusCode() != 422) {
            throw new IOException(address + " answered " + response.statusCode() + ": " + response.body().strip());
        }
        return new ObjectMapper().readValue(response.body(), ReloadResult.class);
    }
}
