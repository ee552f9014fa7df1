package io.junction.server.config;

import io.junction.core.check.Spelling;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Layers the settings, highest first: command-line overrides, {@code -D} system properties,
 * {@code JUNCTION_*} environment variables, a {@code junction.properties} file, then
 * {@code junction-defaults.properties}. Only keys that have a default exist; a file or override naming
 * another {@code junction.*} key is refused, so a typo cannot silently fall back to a default.
 */
final class SettingsLoader {

    static final String DEFAULTS = "junction-defaults.properties";
    private static final String FILE_NAME = "junction.properties";

    private final PropertiesConfiguration defaults = readDefaults();
    private final Set<String> known = new TreeSet<>();
    private final List<String> problems = new ArrayList<>();
    private final SettingSources sources = new SettingSources();

    /** @param file a settings file, or {@code null} for none */
    SettingsLoader(Path file, Map<String, String> overrides, Map<String, String> environment) {
        defaults.getKeys().forEachRemaining(known::add);
        requireKnown(overrides.keySet(), "command line");
        sources.add(new MapConfiguration(new HashMap<>(overrides)), key -> "command line " + key);
        sources.add(new SystemConfiguration(), key -> "-D" + key);
        sources.add(new MapConfiguration(junctionVariables(environment)), key -> "environment " + environmentName(key));
        if (file != null) {
            readFile(file).ifPresent(values -> sources.add(values, key -> file + ": " + key));
        }
        sources.add(defaults, key -> DEFAULTS + ": " + key);
    }

    SettingValues values() {
        return new SettingValues(sources, problems);
    }

    /** {@code junction.properties} in {@code junction.home}, when there is one. */
    Optional<Path> installedFile() {
        try {
            Path file = Path.of(sources.value(SettingKeys.HOME)).toAbsolutePath().resolve(FILE_NAME).normalize();
            return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty(); // a bad junction.home is reported when the settings are read
        }
    }

    /** The environment variable that overrides {@code key}: upper case, '.' and '-' as '_'. */
    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private Map<String, Object> junctionVariables(Map<String, String> environment) {
        Map<String, Object> found = new HashMap<>();
        for (String key : known) {
            String value = environment.get(environmentName(key));
            if (value != null) {
                found.put(key, value);
            }
        }
        return found;
    }

    private Optional<PropertiesConfiguration> readFile(Path file) {
        if (!Files.exists(file)) {
            problems.add(file + ": settings file does not exist");
            return Optional.empty();
        }
        PropertiesConfiguration values = new PropertiesConfiguration();
        try (Reader reader = Files.newBufferedReader(file)) {
            values.read(reader);
        } catch (IOException | ConfigurationException e) {
            problems.add(file + ": cannot read settings: " + e.getMessage());
            return Optional.empty();
        }
        List<String> junctionKeys = new ArrayList<>();
        values.getKeys("junction").forEachRemaining(junctionKeys::add);
        requireKnown(junctionKeys, file.toString());
        return Optional.of(values);
    }

    private void requireKnown(Collection<String> keys, String where) {
        for (String key : keys) {
            if (!known.contains(key)) {
                problems.add(where + ": unknown setting '" + key + "'" + Spelling.closest(key, known)
                        .map(match -> "; did you mean '" + match + "'?")
                        .orElse(" (the known ones are listed in " + DEFAULTS + ")"));
            }
        }
    }

    private static PropertiesConfiguration readDefaults() {
        PropertiesConfiguration defaults = new PropertiesConfiguration();
        try (InputStream in = SettingsLoader.class.getResourceAsStream(DEFAULTS)) {
            new FileHandler(defaults).load(in);
        } catch (IOException | ConfigurationException e) {
            throw new IllegalStateException(DEFAULTS + " is missing from the classpath", e);
        }
        return defaults;
    }
}
