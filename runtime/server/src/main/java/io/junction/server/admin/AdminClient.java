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

/** The command line's side of the admin API: {@code junction reload} and {@code junction diff} ask the running process. */
public final class AdminClient {

    private AdminClient() {
    }

    /**
     * POSTs {@code /api/reload} to the admin listener the settings name, with their token.
     *
     * @throws IOException naming the address when nothing answers there, or the answer when it is not a reload result
     */
    public static ReloadResult reload(JunctionSettings.Admin admin) throws IOException {
        return call(admin, "POST", "/api/reload", Duration.ofMinutes(2), ReloadResult.class, 422);
    }

    /** GETs {@code /api/config}: the running configuration's outline. */
    public static ConfigOutline config(JunctionSettings.Admin admin) throws IOException {
        return call(admin, "GET", "/api/config", Duration.ofSeconds(30), ConfigOutline.class, 200);
    }

    /** @param alsoOk a status besides 200 whose body is also an answer */
    private static <T> T call(JunctionSettings.Admin admin, String method, String path, Duration timeout, Class<T> answer,
                              int alsoOk) throws IOException {
        String address = admin.bind().contains(":") ? "[" + admin.bind() + "]:" + admin.port() : admin.bind() + ":" + admin.port();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + address + path))
                .timeout(timeout)
                .method(method, HttpRequest.BodyPublishers.noBody());
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
        if (response.statusCode() != 200 && response.statusCode() != alsoOk) {
            throw new IOException(address + " answered " + response.statusCode() + ": " + response.body().strip());
        }
        return new ObjectMapper().readValue(response.body(), answer);
    }
}
