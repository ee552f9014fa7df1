package io.junction.server.config;

import java.util.List;

/** The settings cannot be used; carries every problem found, one line each, naming where the value came from. */
public class SettingsException extends Exception {

    private final List<String> problems;

    public SettingsException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
