package io.junction.server.admin;

import io.junction.server.JunctionServer;
import io.junction.server.ReloadResult;
import io.junction.server.config.JunctionSettings;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.server.handlers.resource.ClassPathResourceManager;
import io.undertow.server.handlers.resource.ResourceHandler;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.PathTemplateMatcher;
import io.undertow.util.Methods;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;

/**
 * The admin listener: a small Undertow server of its own, apart from the public listeners' worker, so
 * no script can route to it and a slow scrape never delays traffic.
 * <pre>
 * GET  /api/status                               listeners, routes, pools, backends, generation, last reload
 * GET  /metrics                                  Prometheus text
 * GET  /api/config                               the running configuration as {@code junction diff} compares it
 * GET  /api/explain?method=&url=&header=         which route a request takes, and why not the earlier ones
 * POST /api/reload                               as SIGHUP; 200 with the result, 422 when it failed
 * POST /api/backends/{pool}/{backend}/{command}  up | drain | maint
 * GET  /                                         the dashboard
 * </pre>
 * Mutations are POST only (GET is 405) and need the token when one is set ({@link TokenCheck}).
 */
public final class AdminListener implements AutoCloseable {

    private static final String DASHBOARD = "io/junction/server/admin/dashboard";

    private final Undertow undertow;

    private AdminListener(Undertow undertow) {
        this.undertow = undertow;
    }

    /** Binds the admin listener; throws naming the address when it cannot. */
    public static AdminListener start(JunctionSettings.Admin settings, JunctionServer server, BackendControl backendControl) {
        StatusReport status = new StatusReport(server, backendControl);
        PrometheusExport prometheus = new PrometheusExport(server);
        Routes routes = new Routes()
                .add(Methods.GET, "/api/status", exchange -> Json.send(exchange, 200, status.build()))
                .add(Methods.GET, "/api/config", exchange -> Json.send(exchange, 200, ConfigOutline.of(server.status().config())))
                .add(Methods.GET, "/metrics", new BlockingHandler(exchange -> metrics(exchange, prometheus)))
                .add(Methods.GET, "/api/explain", new BlockingHandler(exchange -> ExplainReport.send(exchange, server)))
                .add(Methods.POST, "/api/reload", mutation(settings, exchange -> reload(exchange, server)))
                .add(Methods.POST, "/api/backends/{pool}/{backend}/{command}",
                        mutation(settings, exchange -> backend(exchange, backendControl)));
        Undertow undertow = Undertow.builder()
                .addHttpListener(settings.port(), settings.bind())
                .setIoThreads(1)
                .setWorkerThreads(2)
                .setHandler(routes.handler(dashboard()))
                .build();
        try {
            undertow.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("admin listener cannot bind " + settings.bind() + ":" + settings.port()
                    + " (junction.admin.bind, junction.admin.port): " + rootMessage(e), e);
        }
        return new AdminListener(undertow);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) undertow.getListenerInfo().get(0).getAddress();
    }

    @Override
    public void close() {
        undertow.stop();
    }

    /** Token first, then off the I/O thread: a reload compiles scripts and may load plugins. */
    private static HttpHandler mutation(JunctionSettings.Admin settings, HttpHandler handler) {
        return new TokenCheck(settings.token(), new BlockingHandler(handler));
    }

    private static void metrics(HttpServerExchange exchange, PrometheusExport prometheus) throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        prometheus.write(text);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, prometheus.contentType());
        exchange.getResponseSender().send(java.nio.ByteBuffer.wrap(text.toByteArray()));
    }

    private static void reload(HttpServerExchange exchange, JunctionServer server) {
        ReloadResult result = server.reload();
        Json.send(exchange, result.succeeded() ? 200 : 422, result);
    }

    private static void backend(HttpServerExchange exchange, BackendControl control) {
        // Undertow's RoutingHandler hands path template values over as query parameters
        Map<String, Deque<String>> path = exchange.getQueryParameters();
        String pool = path.get("pool").getFirst();
        String backend = path.get("backend").getFirst();
        String commandText = path.get("command").getFirst();
        Optional<BackendCommand> command = BackendCommand.of(commandText);
        if (command.isEmpty()) {
            Json.error(exchange, 404, "unknown command '" + commandText + "': use up, drain or maint");
        } else if (!control.available()) {
            Json.error(exchange, 501, "backend states are not available in this build yet");
        } else {
            try {
                String state = control.change(pool, backend, command.get());
                Json.send(exchange, 200, Map.of("pool", pool, "backend", backend, "state", state));
            } catch (IllegalArgumentException e) {
                Json.error(exchange, 404, e.getMessage());
            }
        }
    }

    /** The API's routes, each with its one method; any other method on its path is 405 naming that method. */
    private static final class Routes {
        private final RoutingHandler routing = Handlers.routing();
        private final PathTemplateMatcher<HttpString> methods = new PathTemplateMatcher<>();

        Routes add(HttpString method, String path, HttpHandler handler) {
            routing.add(method, path, handler);
            methods.add(path, method);
            return this;
        }

        HttpHandler handler(HttpHandler fallback) {
            return routing.setInvalidMethodHandler(this::wrongMethod).setFallbackHandler(fallback);
        }

        private void wrongMethod(HttpServerExchange exchange) {
            HttpString allowed = methods.match(exchange.getRelativePath()).getValue();
            exchange.getResponseHeaders().put(Headers.ALLOW, allowed.toString());
            Json.error(exchange, 405, exchange.getRequestMethod() + " " + exchange.getRelativePath() + " is not allowed: use "
                    + allowed + (Methods.POST.equals(allowed) ? " (changes are POST only)" : ""));
        }
    }

    private static HttpHandler dashboard() {
        return new ResourceHandler(new ClassPathResourceManager(AdminListener.class.getClassLoader(), DASHBOARD))
                .setWelcomeFiles("index.html")
                .setDirectoryListingEnabled(false);
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
