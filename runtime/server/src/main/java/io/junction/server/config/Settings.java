package io.junction.server.config;

import io.junction.core.model.Durations;
import org.apache.commons.configuration2.CompositeConfiguration;
import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.MapConfiguration;
import org.apache.commons.configuration2.PropertiesConfiguration;
import org.apache.commons.configuration2.SystemConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.io.FileHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Process settings: {@code -D} system properties, then {@code JUNCTION_*} environment variables,
 * then a {@code junction.properties} file, then the documented defaults in
 * {@code junction-defaults.properties}. Only keys that have a default exist; a file naming another
 * {@code junction.*} key is refused, so a typo cannot silently fall back to a default.
 */
public final class Settings {

    public static final String HOME = "junction.home";
    public static final String CONF_DIR = "junction.conf.dir";
    public static final String PLUGINS_DIR = "junction.plugins.dir";
    public static final String PLUGINS_BUILTIN_DIR = "junction.plugins.builtin-dir";
    public static final String IO_THREADS = "junction.io-threads";
    public static final String CONNECT_TIMEOUT = "junction.upstream.connect-timeout";
    public static final String RESPONSE_TIMEOUT = "junction.upstream.response-timeout";
    public static final String CONNECT_RETRIES = "junction.upstream.connect-retries";
    public static final String MAX_CONNECTIONS_PER_THREAD = "junction.upstream.max-connections-per-thread";
    public static final String UPSTREAM_IDLE_TIMEOUT = "junction.upstream.idle-timeout";
    public static final String HTTP_IDLE_TIMEOUT = "junction.http.idle-timeout";
    public static final String HTTP_HEADER_TIMEOUT = "junction.http.header-timeout";
    public static final String HTTP_MAX_HEADER_SIZE = "junction.http.max-header-size";
    public static final String HTTP_MAX_HEADERS = "junction.http.max-headers";
    public static final String HTTP_MAX_REQUEST_BODY = "junction.http.max-request-body";
    public static final String DRAIN_TIMEOUT = "junction.drain.timeout";
    public static final String DEMO_BACKEND_PORTS = "junction.demo.backend-ports";

    private final Configuration values;
    private final Set<String> keys;

    private Settings(Configuration values, Set<String> keys) {
        this.values = values;
        this.keys = keys;
    }

    /** Defaults only (plus -D and environment): what a process without a settings file gets. */
    public static Settings defaults() {
        return load(null);
    }

    /**
     * @param file a junction.properties file, or {@code null} for none
     * @throws IllegalArgumentException when the file cannot be read or names an unknown key
     */
    public static Settings load(Path file) {
        return load(file, Map.of());
    }

    /** As {@link #load(Path)}, with {@code overrides} above everything else (command-line flags, tests). */
    public static Settings load(Path file, Map<String, String> overrides) {
        return load(file, overrides, System.getenv());
    }

    static Settings load(Path file, Map<String, String> overrides, Map<String, String> environment) {
        PropertiesConfiguration defaults = readDefaults();
        Set<String> keys = new TreeSet<>();
        defaults.getKeys().forEachRemaining(keys::add);

        CompositeConfiguration composite = new CompositeConfiguration();
        composite.addConfiguration(new MapConfiguration(new HashMap<>(overrides)));
        composite.addConfiguration(new SystemConfiguration());
        composite.addConfiguration(new MapConfiguration(junctionVariables(environment, keys)));
        if (file != null) {
            composite.addConfiguration(readFile(file, keys));
        }
        composite.addConfiguration(defaults);
        for (String key : overrides.keySet()) {
            requireKnown(key, keys, "override");
        }
        return new Settings(composite, keys);
    }

    public String string(String key) {
        requireKnown(key, keys, "setting");
        String value = values.getString(key);
        if (value == null) {
            throw new IllegalArgumentException("setting '" + key + "' has no value");
        }
        return value.trim();
    }

    public int integer(String key) {
        long value = wholeNumber(key);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("setting '" + key + "' must be a whole number below 2^31, got '" + value + "'");
        }
        return (int) value;
    }

    public long wholeNumber(String key) {
        String value = string(key);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting '" + key + "' must be a whole number, got '" + value + "'");
        }
    }

    public Duration duration(String key) {
        String value = string(key);
        return Durations.parse(value).orElseThrow(() -> new IllegalArgumentException(
                "setting '" + key + "' must be a duration like 250ms, 5s, 2m or 1h, got '" + value + "'"));
    }

    /** A path setting, resolved against {@code junction.home} (or the working directory) when relative. */
    public Path path(String key) {
        Path path = Path.of(string(key));
        if (path.isAbsolute()) {
            return path.normalize();
        }
        return Path.of(values.getString(HOME)).toAbsolutePath().resolve(path).normalize();
    }

    public List<Integer> integers(String key) {
        List<Integer> result = new ArrayList<>();
        for (String part : string(key).split(",")) {
            try {
                result.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("setting '" + key + "' must be comma-separated whole numbers, got '" + string(key) + "'");
            }
        }
        return result;
    }

    /** The environment variable that overrides {@code key}. */
    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static Map<String, Object> junctionVariables(Map<String, String> environment, Set<String> keys) {
        Map<String, Object> found = new HashMap<>();
        for (String key : keys) {
            String value = environment.get(environmentName(key));
            if (value != null) {
                found.put(key, value);
            }
        }
        return found;
    }

    private static PropertiesConfiguration readDefaults() {
        PropertiesConfiguration defaults = new PropertiesConfiguration();
        try (InputStream in = Settings.class.getResourceAsStream("junction-defaults.properties")) {
            new FileHandler(defaults).load(in);
        } catch (IOException | ConfigurationException e) {
            throw new IllegalStateException("junction-defaults.properties is missing from the classpath", e);
        }
        return defaults;
    }

    private static PropertiesConfiguration readFile(Path file, Set<String> keys) {
        PropertiesConfiguration config = new PropertiesConfiguration();
        try (Reader reader = Files.newBufferedReader(file)) {
            config.read(reader);
        } catch (IOException | ConfigurationException e) {
            throw new IllegalArgumentException(file + ": cannot read settings: " + e.getMessage(), e);
        }
        for (Iterator<String> it = config.getKeys(); it.hasNext(); ) {
            String key = it.next();
            if (key.startsWith("junction.")) {
                requireKnown(key, keys, file.toString() + ": setting");
            }
        }
        return config;
    }

    private static void requireKnown(String key, Set<String> keys, String what) {
        if (!keys.contains(key)) {
            throw new IllegalArgumentException(what + " '" + key + "' is unknown; known settings: " + String.join(", ", keys));
        }
    }
}
