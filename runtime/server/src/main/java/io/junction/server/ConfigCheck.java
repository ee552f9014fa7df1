package io.junction.server;

import io.junction.core.check.ConfigException;
import io.junction.core.check.ConfigProblem;
import io.junction.core.check.ConfigValidator;
import io.junction.core.check.RouteLint;
import io.junction.core.model.Config;
import io.junction.dsl.RoutingScripts;
import io.junction.server.plugins.PluginFolders;
import io.junction.server.plugins.PluginProblem;
import io.junction.server.plugins.PluginSet;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Compiles and validates a configuration without serving it: what {@code junction check} runs. */
public final class ConfigCheck {

    private ConfigCheck() {
    }

    /** @return errors as {@code file:line:column: message} (empty when valid), refused plugins and lint findings as warnings, and a summary */
    public static Result run(Path confDir, PluginFolders pluginFolders) {
        try (PluginSet plugins = PluginSet.load(pluginFolders)) {
            List<String> warnings = plugins.problems().stream().map(PluginProblem::toString).toList();
            try {
                Config config = compile(confDir, plugins);
                warnings = Stream.concat(warnings.stream(), RouteLint.warnings(config).stream().map(ConfigProblem::toString)).toList();
                return new Result(List.of(), warnings, JunctionServer.summary(config)
                        + "; " + plugins.catalog().summary());
            } catch (ConfigException e) {
                return new Result(e.problems().stream().map(ConfigProblem::toString).toList(), warnings, "");
            }
        }
    }

    /** Compiles conf.d and validates it against the plugins: what start, reload and check all do. */
    public static Config compile(Path confDir, PluginSet plugins) throws ConfigException {
        return validated(RoutingScripts.compile(confDir), plugins);
    }

    /** Validates compiled scripts against the plugins (a server compiles them beside loading the plugins). */
    public static Config validated(Config config, PluginSet plugins) throws ConfigException {
        new ConfigValidator(plugins.catalog().idsByWord()).validate(config);
        return config;
    }

    public record Result(List<String> errors, List<String> warnings, String summary) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }
}
