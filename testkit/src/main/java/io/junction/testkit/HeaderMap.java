package io.junction.testkit;

import io.junction.core.edit.RequestEditor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Headers (names case-insensitive) the route's edits change as an engine's head would; and the new path. */
final class HeaderMap implements RequestEditor {

    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private String path;

    HeaderMap(Map<String, List<String>> initial) {
        initial.forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
    }

    @Override
    public void path(String encodedPath) {
        path = encodedPath;
    }

    @Override
    public void set(String name, String value) {
        headers.put(name, new ArrayList<>(List.of(value)));
    }

    @Override
    public void add(String name, String value) {
        headers.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
    }

    @Override
    public void remove(String name) {
        headers.remove(name);
    }

    /** The encoded path the edits set, or null. */
    String path() {
        return path;
    }

    Map<String, List<String>> snapshot() {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }
}
