package io.junction.server.cli;

import io.undertow.Undertow;
import io.undertow.util.Headers;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Small HTTP servers on loopback for {@code junction demo}: each says which one answered. */
final class DemoBackends implements AutoCloseable {

    private final List<Undertow> servers;
    private final List<Integer> ports;

    private DemoBackends(List<Undertow> servers, List<Integer> ports) {
        this.servers = servers;
        this.ports = ports;
    }

    static DemoBackends start(List<Integer> ports) {
        List<Undertow> servers = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            String greeting = "Hello from demo backend " + (i + 1) + " (127.0.0.1:" + ports.get(i) + ")\n";
            Undertow server = Undertow.builder()
                    .setIoThreads(1)
                    .addHttpListener(ports.get(i), "127.0.0.1")
                    .setHandler(exchange -> {
                        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
                        exchange.getResponseSender().send(greeting + "you asked for " + exchange.getRequestURI() + "\n");
                    })
                    .build();
            try {
                server.start();
            } catch (RuntimeException e) {
                servers.forEach(Undertow::stop);
                throw new IllegalStateException("demo backend cannot bind 127.0.0.1:" + ports.get(i)
                        + " (set junction.demo.backend-ports): " + e.getMessage(), e);
            }
            servers.add(server);
        }
        return new DemoBackends(servers, ports);
    }

    String describe() {
        return ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        servers.forEach(Undertow::stop);
    }
}
