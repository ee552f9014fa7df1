package io.junction.server.cli;

import io.junction.core.check.ConfigException;
import io.junction.core.check.ConfigProblem;
import io.junction.server.ConfigCheck;
import io.junction.server.JunctionServer;
import io.junction.server.ReloadResult;
import io.junction.server.config.Settings;
import io.junction.server.plugins.PluginFolders;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Entry point of {@code bin/junction}. */
@Command(name = "junction", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "A programmable load balancer: routing scripts in conf.d, strategies as plugins, reload with SIGHUP.",
        subcommands = {Main.Demo.class, Main.Run.class, Main.Check.class, Main.PrintVersion.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    /** Options shared by the commands that read a configuration. */
    static class Locations {
        @Option(names = "--conf", description = "Folder of routing scripts (default: junction.conf.dir, conf.d)")
        Path conf;

        @Option(names = "--plugins", description = "Folder of drop-in plugin JARs, added to the built-in ones (default: junction.plugins.dir)")
        Path plugins;

        @Option(names = "--config", description = "Settings file (default: $JUNCTION_HOME/junction.properties when present)")
        Path config;

        Settings settings() {
            Map<String, String> overrides = new HashMap<>();
            if (conf != null) {
                overrides.put(Settings.CONF_DIR, conf.toAbsolutePath().toString());
            }
            if (plugins != null) {
                overrides.put(Settings.PLUGINS_DIR, plugins.toAbsolutePath().toString());
            }
            return Settings.load(settingsFile(), overrides);
        }

        private Path settingsFile() {
            if (config != null) {
                return config;
            }
            Path fallback = Settings.defaults().path(Settings.HOME).resolve("junction.properties");
            return Files.isRegularFile(fallback) ? fallback : null;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Run the balancer on a conf.d folder. SIGHUP reloads; SIGTERM/Ctrl-C stops.")
    static class Run implements Callable<Integer> {
        @CommandLine.Mixin
        Locations locations = new Locations();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Settings settings = locations.settings();
            return serve(settings, spec.commandLine().getErr(), startCompanions(settings));
        }

        /** Starts whatever runs beside the balancer; returns how to stop it. */
        Runnable startCompanions(Settings settings) {
            return () -> { };
        }
    }

    @Command(name = "demo", mixinStandardHelpOptions = true, description = "Start two demo backends and the balancer on the default conf.d; curl localhost:8080/.")
    static class Demo extends Run {
        @Override
        Runnable startCompanions(Settings settings) {
            DemoBackends backends = DemoBackends.start(settings.integers(Settings.DEMO_BACKEND_PORTS));
            spec.commandLine().getOut().println("demo backends on " + backends.describe());
            spec.commandLine().getOut().flush();
            return backends::close;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true, description = "Compile and validate the configuration; print every error as file:line:column: message.")
    static class Check implements Callable<Integer> {
        @CommandLine.Mixin
        Locations locations = new Locations();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            // the verdict is the output: keep plugin-loading chatter out of it
            java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
            Settings settings = locations.settings();
            ConfigCheck.Result result = ConfigCheck.run(settings.path(Settings.CONF_DIR), PluginFolders.of(settings));
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            result.warnings().forEach(w -> err.println("warning: " + w));
            result.errors().forEach(err::println);
            if (!result.valid()) {
                err.println(result.errors().size() + " error(s); configuration NOT valid");
                return 1;
            }
            out.println("configuration OK: " + result.summary());
            return 0;
        }
    }

    @Command(name = "version", mixinStandardHelpOptions = true, description = "Print the version.")
    static class PrintVersion implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println("junction " + Version.number());
            return 0;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"junction " + number()};
        }

        static String number() {
            Properties properties = new Properties();
            try (InputStream in = JunctionServer.class.getResourceAsStream("version.properties")) {
                properties.load(in);
            } catch (IOException | NullPointerException e) {
                return "unknown";
            }
            return properties.getProperty("version", "unknown");
        }
    }

    /** Starts the server, reloads on SIGHUP, and blocks until the process is told to stop. */
    private static int serve(Settings settings, PrintWriter err, Runnable onStop) throws InterruptedException, IOException {
        JunctionServer server = JunctionServer.builder().settings(settings).build();
        try {
            ReloadResult started = server.start();
            started.warnings().forEach(w -> err.println("warning: " + w));
        } catch (ConfigException e) {
            e.problems().stream().map(ConfigProblem::toString).forEach(err::println);
            err.println("not started: the configuration has " + e.problems().size() + " error(s)");
            err.flush();
            onStop.run();
            return 1;
        } catch (RuntimeException e) {
            err.println("not started: " + e.getMessage());
            err.flush();
            onStop.run();
            return 1;
        }
        ExecutorService reloads = Executors.newSingleThreadExecutor(r -> new Thread(r, "junction-reload"));
        sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> reloads.execute(server::reload));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            reloads.shutdownNow();
            server.close();
            onStop.run();
            stopped.countDown();
        }, "junction-stop"));
        stopped.await();
        return 0;
    }
}
