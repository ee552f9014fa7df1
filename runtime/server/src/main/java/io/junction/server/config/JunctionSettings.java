package io.junction.server.config;

import io.junction.core.model.HttpLimits;
import io.junction.core.model.HttpListenerSpec;
import io.junction.server.engine.http1.Http1Limits;
import io.junction.server.logging.AccessLogFormat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.junction.server.config.SettingKeys.*;

/**
 * Every process setting, read and validated once at start (and by {@code check}) and handed to
 * whoever needs it; nothing reads a key at run time. Where the values come from is
 * {@link SettingsLoader}'s business; what each key means is in {@code junction-defaults.properties}.
 * {@code builtinPluginsDir} and {@code scriptCacheDir} are {@code null} when none is set (a process not started from the distribution).
 */
public record JunctionSettings(Path home, Path confDir, Path pluginsDir, Path builtinPluginsDir, Path scriptCacheDir, int ioThreads, Upstream upstream, Http http,
                               Duration drainTimeout, Duration resolverRefresh, List<Integer> demoBackendPorts, Admin admin,
                               AccessLogSettings accessLog, List<String> stickySecrets) {

    public JunctionSettings {
        demoBackendPorts = List.copyOf(demoBackendPorts);
        stickySecrets = List.copyOf(stickySecrets);
    }

    /** Connections to backends; a pool's own timeouts win over the first two. */
    public record Upstream(Duration connectTimeout, Duration responseTimeout, int connectRetries,
                           int maxConnectionsPerThread, Duration idleTimeout) {
    }

    /**
     * Client connections to the listeners. {@code maxRequestBody}, {@code maxRequestsPerConnection} and
     * {@code maxConnections} 0 mean no limit; {@code maxConnections} caps all http listeners together.
     */
    public record Http(Duration idleTimeout, Duration headerTimeout, int maxHeaderSize, int maxHeaders,
                       long maxRequestBody, Engine engine, Duration tunnelIdleTimeout, int maxRequestsPerConnection,
                       Duration bodyReadGap, Duration responseWriteGap, int maxConnections) {

        /** Longest request line: 8 KiB, or the head limit when that is smaller. */
        private static final int MAX_REQUEST_LINE = 8 * 1024;

        /** The request head limits both engines hold requests to (414, 431), with the own engine's parser. */
        public Http1Limits headLimits() {
            return headLimits(limits());
        }

        /** The request head limits of a listener's {@code limits} (every field set, as {@link #limitsOf} gives them). */
        public static Http1Limits headLimits(HttpLimits limits) {
            return new Http1Limits(Math.min(MAX_REQUEST_LINE, limits.maxHeaderSize()), limits.maxHeaderSize(), limits.maxHeaders());
        }

        /** These settings as limits: what a listener without limits of its own is served with (no cap of its own). */
        public HttpLimits limits() {
            return new HttpLimits(maxHeaderSize, maxHeaders, headerTimeout, idleTimeout, maxRequestBody, maxRequestsPerConnection,
                    bodyReadGap, responseWriteGap, 0);
        }

        /** The limits {@code listener} is served with: its own, and these settings where it sets none. */
        public HttpLimits limitsOf(HttpListenerSpec listener) {
            return listener.limits().over(limits());
        }
    }

    /** What serves {@code http} listeners: Undertow, or Junction's own HTTP/1.1 engine. */
    public enum Engine {
        UNDERTOW, OWN
    }

    /**
     * The admin listener. {@code token} is empty for none, which is allowed only on a loopback address
     * (checked when the settings are read, so {@code check} and {@code run} refuse it alike).
     */
    public record Admin(String bind, int port, String token) {
        public boolean tokenRequired() {
            return !token.isEmpty();
        }
    }

    /** The access log: {@code format} {@code null} = off, {@code file} {@code null} = standard output. */
    public record AccessLogSettings(AccessLogFormat format, Path file, int queue) {
    }

    /** Defaults plus -D and the environment: what a process without a settings file gets. */
    public static JunctionSettings defaults() throws SettingsException {
        return load(null, Map.of());
    }

    /**
     * @param file a junction.properties file, or {@code null} for none
     * @param overrides settings above everything else (command-line flags, tests)
     * @throws SettingsException naming every bad or unknown setting and where it came from
     */
    public static JunctionSettings load(Path file, Map<String, String> overrides) throws SettingsException {
        return load(file, overrides, System.getenv());
    }

    static JunctionSettings load(Path file, Map<String, String> overrides, Map<String, String> environment)
            throws SettingsException {
        return from(new SettingsLoader(file, overrides, environment).values());
    }

    /** {@code junction.properties} in {@code junction.home} (from -D, environment or default), when it exists. */
    public static Optional<Path> installedFile() {
        return new SettingsLoader(null, Map.of(), System.getenv()).installedFile();
    }

    private static JunctionSettings from(SettingValues values) throws SettingsException {
        Path home = values.path(HOME, Path.of("").toAbsolutePath());
        Path base = home != null ? home : Path.of("").toAbsolutePath();
        Path confDir = values.path(CONF_DIR, base);
        Path pluginsDir = values.path(PLUGINS_DIR, base);
        Path builtinPluginsDir = values.optionalPath(PLUGINS_BUILTIN_DIR, base);
        Path scriptCacheDir = values.optionalPath(SCRIPTS_CACHE_DIR, base);
        int ioThreads = values.count(IO_THREADS, 0, 1024);
        Upstream upstream = new Upstream(values.timeout(CONNECT_TIMEOUT), values.timeout(RESPONSE_TIMEOUT),
                values.count(CONNECT_RETRIES, 0, Integer.MAX_VALUE),
                values.count(MAX_CONNECTIONS_PER_THREAD, 1, Integer.MAX_VALUE), values.timeout(UPSTREAM_IDLE_TIMEOUT));
        Http http = new Http(values.timeout(HTTP_IDLE_TIMEOUT), values.timeout(HTTP_HEADER_TIMEOUT),
                values.count(HTTP_MAX_HEADER_SIZE, 1, Integer.MAX_VALUE), values.count(HTTP_MAX_HEADERS, 1, Integer.MAX_VALUE),
                values.bytes(HTTP_MAX_REQUEST_BODY), values.oneOf(HTTP_ENGINE, Engine.class), values.timeout(HTTP_TUNNEL_IDLE_TIMEOUT),
                values.count(HTTP_MAX_REQUESTS_PER_CONNECTION, 0, Integer.MAX_VALUE), values.timeout(HTTP_BODY_READ_GAP),
                values.timeout(HTTP_RESPONSE_WRITE_GAP), values.count(HTTP_MAX_CONNECTIONS, 0, Integer.MAX_VALUE));
        Duration drainTimeout = values.duration(DRAIN_TIMEOUT);
        Duration resolverRefresh = values.durationOrOff(RESOLVER_REFRESH);
        List<Integer> demoBackendPorts = values.ports(DEMO_BACKEND_PORTS);
        Admin admin = admin(values);
        AccessLogSettings accessLog = new AccessLogSettings(values.accessLogFormat(ACCESS_LOG_FORMAT),
                values.optionalPath(ACCESS_LOG_FILE, base), values.count(ACCESS_LOG_QUEUE, 1, 1 << 20));
        List<String> stickySecrets = values.secrets(STICKY_SECRET);
        values.requireValid();
        return new JunctionSettings(home, confDir, pluginsDir, builtinPluginsDir, scriptCacheDir, ioThreads, upstream, http, drainTimeout,
                resolverRefresh, demoBackendPorts, admin, accessLog, stickySecrets);
    }

    private static Admin admin(SettingValues values) {
        InetAddress bind = values.address(ADMIN_BIND);
        int port = values.count(ADMIN_PORT, 0, 65535);
        String token = values.text(ADMIN_TOKEN);
        if (bind != null && !bind.isLoopbackAddress() && token.isEmpty()) {
            // anyone who can reach the port could reload or drain: refuse rather than expose it
            values.refuse(ADMIN_BIND, "is not a loopback address, so " + ADMIN_TOKEN + " must be set");
        }
        return new Admin(bind == null ? null : bind.getHostAddress(), port, token);
    }
}
