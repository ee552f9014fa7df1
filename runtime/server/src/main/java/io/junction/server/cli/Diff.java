package io.junction.server.cli;

import io.junction.core.check.ConfigException;
import io.junction.core.check.ConfigProblem;
import io.junction.server.ConfigCheck;
import io.junction.server.admin.AdminClient;
import io.junction.server.admin.ConfigDiff;
import io.junction.server.admin.ConfigOutline;
import io.junction.server.admin.KeyMovement;
import io.junction.server.config.JunctionSettings;
import io.junction.server.config.SettingsException;
import io.junction.server.plugins.PluginFolders;
import io.junction.server.plugins.PluginSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code junction diff}: compiles a conf.d here, asks the running process for its configuration through the
 * admin API, and prints what a reload would change. Like {@code diff(1)}: exit 0 for no change, 1 for changes,
 * 2 when it cannot tell.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Show what a reload would change in the running junction (listeners, routes, pools, backends, "
                + "the share of keys a consistent-hash pool moves); "
                + "exit 0 no change, 1 changes, 2 error.")
final class Diff implements Callable<Integer> {

    static final int CHANGES = 1;
    static final int CANNOT_TELL = 2;

    @CommandLine.Mixin
    Main.Locations locations = new Main.Locations();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        // the changes are the output: keep plugin-loading chatter out of it
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            JunctionSettings settings = locations.settings();
            List<String> changes;
            try (PluginSet plugins = PluginSet.load(PluginFolders.of(settings))) {
                ConfigOutline next = ConfigOutline.of(ConfigCheck.compile(settings.confDir(), plugins));
                changes = ConfigDiff.between(AdminClient.config(settings.admin()), next, new KeyMovement(plugins.catalog()));
            }
            changes.forEach(out::println);
            out.println(changes.isEmpty() ? "no changes: a reload of " + settings.confDir() + " would change nothing"
                    : changes.size() + " change(s) a reload of " + settings.confDir() + " would make");
            out.flush();
            return changes.isEmpty() ? 0 : CHANGES;
        } catch (SettingsException e) {
            return cannotTell(e.problems(), "the settings have " + e.problems().size() + " error(s)", err);
        } catch (ConfigException e) {
            return cannotTell(e.problems().stream().map(ConfigProblem::toString).toList(),
                    "the configuration has " + e.problems().size() + " error(s)", err);
        } catch (IOException | RuntimeException e) {
            return cannotTell(List.of(), e.getMessage(), err);
        }
    }

    private static int cannotTell(List<String> errors, String why, PrintWriter err) {
        errors.forEach(err::println);
        err.println("no diff: " + why);
        err.flush();
        return CANNOT_TELL;
    }
}
