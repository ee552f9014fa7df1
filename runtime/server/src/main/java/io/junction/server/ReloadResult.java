package io.junction.server;

import java.util.List;

/**
 * What a start or reload did: the generation now serving and, when it failed, why; failed
 * reloads leave the previous generation serving. Warnings (e.g. a refused plugin) do not fail it.
 */
public record ReloadResult(boolean succeeded, long generation, List<String> errors, List<String> warnings) {

    public ReloadResult {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }
}
