package io.junction.dsl

import io.junction.core.check.ConfigException
import io.junction.core.check.ConfigProblem
import io.junction.core.model.Config

/** Compiles in-memory scripts for specs: file name -> text, in the order given. */
final class Scripts {

    private Scripts() {
    }

    static Config compile(Map<String, ?> files) {
        // texts may be GStrings built from where-table values
        RoutingScripts.compileSources(files.collectEntries(new LinkedHashMap<String, String>()) { name, text -> [name, text.toString()] })
    }

    /** The problems compiling {@code files} reports; fails the spec when it compiles. */
    static List<ConfigProblem> problemsOf(Map<String, ?> files) {
        try {
            compile(files)
        } catch (ConfigException e) {
            return e.problems()
        }
        throw new AssertionError("expected problems, but the scripts compiled: ${files.keySet()}")
    }
}
