package io.junction.server.config;

/** The names of the settings in {@code junction-defaults.properties}, for code that sets one (the CLI, tests). */
public final class SettingKeys {

    public static final String HOME = "junction.home";
    public static final String CONF_DIR = "junction.conf.dir";
    public static final String PLUGINS_DIR = "junction.plugins.dir";
    public static final String PLUGINS_BUILTIN_DIR = "junction.plugins.builtin-dir";
    public static final String SCRIPTS_CACHE_DIR = "junction.scripts.cache-dir";
    public static final String IO_THREADS = "junction.io-threads";
    public static final String CONNECT_TIMEOUT = "junction.upstream.connect-timeout";
    public static final String RESPONSE_TIMEOUT = "junction.upstream.response-timeout";
    public static final String CONNECT_RETRIES = "junction.upstream.connect-retries";
    public static final String MAX_CONNECTIONS_PER_THREAD = "junction.upstream.max-connections-per-thread";
    public static final String UPSTREAM_IDLE_TIMEOUT = "junction.upstream.idle-timeout";
    public static final String HTTP_IDLE_TIMEOUT = "junction.http.idle-timeout";
    public static final String HTTP_HEADER_TIMEOUT = "junction.http.header-timeout";
    public static final String HTTP_TUNNEL_IDLE_TIMEOUT = "junction.http.tunnel-idle-timeout";
    public static final String HTTP_MAX_HEADER_SIZE = "junction.http.max-header-size";
    public static final String HTTP_MAX_HEADERS = "junction.http.max-headers";
    public static final String HTTP_MAX_REQUEST_BODY = "junction.http.max-request-body";
    public static final String HTTP_MAX_REQUESTS_PER_CONNECTION = "junction.http.max-requests-per-connection";
    public static final String HTTP_BODY_READ_GAP = "junction.http.body-read-gap";
    public static final String HTTP_RESPONSE_WRITE_GAP = "junction.http.response-write-gap";
    public static final String HTTP_MAX_CONNECTIONS = "junction.http.max-connections";
    public static final String HTTP_ENGINE = "junction.http.engine";
    public static final String DRAIN_TIMEOUT = "junction.drain.timeout";
    public static final String RESOLVER_REFRESH = "junction.resolver.refresh";
    public static final String STICKY_SECRET = "junction.sticky.secret";
    public static final String DEMO_BACKEND_PORTS = "junction.demo.backend-ports";
    public static final String ADMIN_BIND = "junction.admin.bind";
    public static final String ADMIN_PORT = "junction.admin.port";
    public static final String ADMIN_TOKEN = "junction.admin.token";
    public static final String ACCESS_LOG_FORMAT = "junction.access-log.format";
    public static final String ACCESS_LOG_FILE = "junction.access-log.file";
    public static final String ACCESS_LOG_QUEUE = "junction.access-log.queue";

    private SettingKeys() {
    }
}
