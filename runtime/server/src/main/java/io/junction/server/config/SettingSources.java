package io.junction.server.config;

import org.apache.commons.configuration2.CompositeConfiguration;
import org.apache.commons.configuration2.Configuration;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Layers of settings, highest first, each able to say where a key it holds came from. */
final class SettingSources {

    private final CompositeConfiguration values = new CompositeConfiguration();
    /** Layer -> how it names a key, in the composite's order (Configurations compare by identity). */
    private final Map<Configuration, UnaryOperator<String>> describers = new LinkedHashMap<>();

    /** @param where key -> how an error names it in this layer, e.g. {@code -Djunction.x} */
    void add(Configuration layer, UnaryOperator<String> where) {
        values.addConfiguration(layer);
        describers.put(layer, where);
    }

    /** The value of the highest layer holding {@code key}, or {@code null}. */
    String value(String key) {
        return values.getString(key);
    }

    /** How an error names {@code key} in the highest layer holding it (CompositeConfiguration.getSource refuses keys held twice). */
    String where(String key) {
        return describers.entrySet().stream()
                .filter(layer -> layer.getKey().containsKey(key))
                .findFirst()
                .map(layer -> layer.getValue().apply(key))
                .orElse(key);
    }
}
