package io.junction.server.cli;

import io.junction.core.check.ConfigException;
import io.junction.core.check.ConfigProblem;
import io.junction.dsl.RoutingScripts;
import io.junction.server.ConfigCheck;
import io.junction.server.JunctionServer;
import io.junction.server.ReloadResult;
import io.junction.server.admin.AdminClient;
import io.junction.server.admin.AdminListener;
import io.junction.server.admin.ServerBackendControl;
import io.junction.server.config.JunctionSettings;
import io.junction.server.config.SettingKeys;
import io.junction.server.config.SettingsException;
import io.junction.server.plugins.PluginFolders;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/** Entry point of {@code bin/junction}. */
@Command(name = "junction", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "A programmable load balancer: routing scripts in conf.d, strategies as plugins, reload with SIGHUP.",
        subcommands = {Main.Demo.class, Main.Run.class, Main.Check.class, Explain.class, Main.Reload.class, Diff.class, Main.PrintVersion.class})
public final class Main {

    /** Exit status of a second SIGTERM, which stops without waiting for requests in flight. */
    static final int EXIT_CUT_SHORT = 143;

    /** The commands that start a server. */
    private static final Set<String> SERVING = Set.of("run", "demo");

    public static void main(String[] args) {
        if (args.length > 0 && SERVING.contains(args[0])) {
            // every server start needs the Groovy runtime whatever the command line says: begun on a thread of its
            // own, it runs beside picocli's model and the settings on a multi-core machine (docs/performance.md, launch)
            RoutingScripts.startRuntimeInBackground();
        }
        System.exit(commandLine(args).execute(args));
    }

    /**
     * The command line to execute {@code args} with. picocli builds the model of every command of a hierarchy (the
     * reflection over each one's options, mixins and help) before it parses anything, so when the first argument names
     * a subcommand the hierarchy holds that one only: its usage, errors and exit codes read the same, and a launch's
     * main thread does less (docs/performance.md, launch). Without arguments, the whole hierarchy.
     */
    public static CommandLine commandLine(String... args) {
        // no command here is a Groovy closure; without this, picocli's lookup of groovy.lang.Closure starts the whole
        // Groovy runtime before the command line is parsed, which version and reload never need (docs/performance.md)
        System.setProperty("picocli.disable.closures", "true");
        Command top = Main.class.getAnnotation(Command.class);
        Class<?> invoked = args.length > 0 ? subcommand(top, args[0]) : null;
        if (invoked == null) {
            return new CommandLine(new Main());
        }
        return new CommandLine(CommandLine.Model.CommandSpec.create().name(top.name())).addSubcommand(args[0], invoked);
    }

    /** The subcommand class of {@code top} named {@code name}, or null. */
    private static Class<?> subcommand(Command top, String name) {
        for (Class<?> candidate : top.subcommands()) {
            if (candidate.getAnnotation(Command.class).name().equals(name)) {
                return candidate;
            }
        }
        return null;
    }

    /** Options shared by the commands that read a configuration. */
    static class Locations {
        @Option(names = "--conf", description = "Folder of routing scripts (default: junction.conf.dir, conf.d)")
        Path conf;

        @Option(names = "--plugins", description = "Folder of drop-in plugin JARs, added to the built-in ones (default: junction.plugins.dir)")
        Path plugins;

        @Option(names = "--config", description = "Settings file (default: $JUNCTION_HOME/junction.properties when present)")
        Path config;

        JunctionSettings settings() throws SettingsException {
            Map<String, String> overrides = new HashMap<>();
            if (conf != null) {
                overrides.put(SettingKeys.CONF_DIR, conf.toAbsolutePath().toString());
            }
            if (plugins != null) {
                overrides.put(SettingKeys.PLUGINS_DIR, plugins.toAbsolutePath().toString());
            }
            return JunctionSettings.load(config != null ? config : JunctionSettings.installedFile().orElse(null), overrides);
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Run the balancer on a conf.d folder. SIGHUP reloads; SIGTERM/Ctrl-C stops.")
    static class Run implements Callable<Integer> {
        /** How long conf.d and the plugins folder must be quiet after a change before --watch reloads. */
        static final Duration WATCH_QUIET = Duration.ofMillis(300);

        @CommandLine.Mixin
        Locations locations = new Locations();

        @Option(names = "--watch", description = "Reload when a file in conf.d or the plugins folder changes (for development)")
        boolean watch;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            JunctionSettings settings;
            Runnable stopCompanions;
            try {
                settings = locations.settings();
                stopCompanions = startCompanions(settings);
            } catch (SettingsException e) {
                return refuse(e.problems(), "not started: the settings have " + e.problems().size() + " error(s)", err);
            } catch (RuntimeException e) {
                return refuse(List.of(), "not started: " + e.getMessage(), err);
            }
            JunctionServer server = configure(JunctionServer.builder().settings(settings)).build();
            List<Path> watched = watch ? List.of(settings.confDir(), settings.pluginsDir()) : List.of();
            return serve(server, settings.admin(), watched, spec.commandLine().getOut(), err, stopCompanions);
        }

        /** Starts whatever runs beside the balancer; returns how to stop it. */
        Runnable startCompanions(JunctionSettings settings) {
            return () -> { };
        }

        JunctionServer.Builder configure(JunctionServer.Builder server) {
            return server;
        }
    }

    @Command(name = "demo", mixinStandardHelpOptions = true, description = "Start two demo backends and the balancer on the default conf.d, all on loopback; curl localhost:8080/.")
    static class Demo extends Run {
        /** A demo is for the person at this machine: never reachable from the network, whatever conf.d binds. */
        static final String LOOPBACK = "127.0.0.1";

        @Override
        Runnable startCompanions(JunctionSettings settings) {
            DemoBackends backends = DemoBackends.start(settings.demoBackendPorts());
            spec.commandLine().getOut().println("demo backends on " + backends.describe());
            spec.commandLine().getOut().flush();
            return backends::close;
        }

        @Override
        JunctionServer.Builder configure(JunctionServer.Builder server) {
            return server.bindOverride(LOOPBACK);
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true, description = "Validate the settings, compile, validate and lint the configuration; print every error and warning on one line (file:line:column: message). Warnings exit 0 unless --strict.")
    static class Check implements Callable<Integer> {
        @CommandLine.Mixin
        Locations locations = new Locations();

        @Option(names = "--strict", description = "Exit 1 when there are warnings (lint findings, refused plugins), too")
        boolean strict;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            // the verdict is the output: keep plugin-loading chatter out of it
            java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
            PrintWriter err = spec.commandLine().getErr();
            JunctionSettings settings;
            try {
                settings = locations.settings();
            } catch (SettingsException e) {
                return refuse(e.problems(), e.problems().size() + " settings error(s); configuration NOT valid", err);
            }
            ConfigCheck.Result result = ConfigCheck.run(settings.confDir(), PluginFolders.of(settings));
            result.warnings().forEach(w -> err.println("warning: " + w));
            String checked = "checked " + settings.confDir() + ": ";
            if (!result.valid()) {
                return refuse(result.errors(), checked + result.errors().size() + " error(s); configuration NOT valid", err);
            }
            if (strict && !result.warnings().isEmpty()) {
                return refuse(List.of(), checked + result.warnings().size() + " warning(s) and --strict; configuration NOT accepted", err);
            }
            err.flush();
            spec.commandLine().getOut().println(checked + "configuration OK: " + result.summary());
            return 0;
        }
    }

    @Command(name = "reload", mixinStandardHelpOptions = true,
            description = "Reload the running junction through its admin listener (the same reload as SIGHUP); print the result, exit 1 if it failed.")
    static class Reload implements Callable<Integer> {
        @CommandLine.Mixin
        Locations locations = new Locations();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            try {
                ReloadResult result = AdminClient.reload(locations.settings().admin());
                result.warnings().forEach(w -> err.println("warning: " + w));
                if (!result.succeeded()) {
                    return refuse(result.errors(), "reload failed, generation " + result.generation() + " keeps serving", err);
                }
                err.flush();
                spec.commandLine().getOut().println("reloaded: generation " + result.generation() + " serving");
                return 0;
            } catch (SettingsException e) {
                return refuse(e.problems(), "not reloaded: the settings have " + e.problems().size() + " error(s)", err);
            } catch (IOException | RuntimeException e) {
                return refuse(List.of(), "not reloaded: " + e.getMessage(), err);
            }
        }
    }

    @Command(name = "version", mixinStandardHelpOptions = true, description = "Print the version, the git commit it was built from and the Java runtime.")
    static class PrintVersion implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(Version.text());
            return 0;
        }
    }

    /** What the build wrote into version.properties (the commit is "unknown" for a build outside git). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{text()};
        }

        static String text() {
            Properties build = new Properties();
            try (InputStream in = JunctionServer.class.getResourceAsStream("version.properties")) {
                build.load(in);
            } catch (IOException | NullPointerException e) {
                // a JAR without the resource: say so rather than fail
            }
            return "junction " + build.getProperty("version", "unknown") + " (commit " + build.getProperty("commit", "unknown")
                    + ", Java " + Runtime.version() + " " + System.getProperty("java.vendor", "") + ")";
        }
    }

    /** Prints each error on a line of its own, then the verdict; the exit status of a refusal. */
    private static int refuse(List<String> errors, String verdict, PrintWriter err) {
        errors.forEach(err::println);
        err.println(verdict);
        err.flush();
        return 1;
    }

    /**
     * Starts the server and its admin listener, reloads on SIGHUP and when a {@code watched} folder changes, and
     * blocks until the process is told to stop.
     */
    private static int serve(JunctionServer server, JunctionSettings.Admin adminSettings, List<Path> watched, PrintWriter out,
                             PrintWriter err, Runnable onStop) throws InterruptedException, IOException {
        // signals are handled before the first port opens: a SIGHUP or SIGTERM that arrives while the process
        // is still starting must not meet the JVM's default action, which ends the process
        ExecutorService reloads = Executors.newSingleThreadExecutor(r -> new Thread(r, "junction-reload"));
        if (sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> reloads.execute(server::reload))
                == sun.misc.SignalHandler.SIG_IGN) {
            // the JVM keeps a signal ignored at its start ignored (nohup does that; bin/junction undoes it)
            err.println("warning: SIGHUP was ignored when this process started (nohup?), so it cannot reload it: "
                    + "use 'junction reload' or POST /api/reload on the admin listener");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        // SIGTERM drains (stop accepting, finish what is in flight, exit 0); a second one exits at once
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> {
            if (!stopping.compareAndSet(false, true)) {
                Runtime.getRuntime().halt(EXIT_CUT_SHORT);
            }
            new Thread(() -> {
                reloads.shutdownNow();
                try {
                    server.drainAndClose();
                } catch (InterruptedException e) {
                    server.close();
                }
                onStop.run();
                stopped.countDown();
            }, "junction-drain").start();
        });
        AdminListener admin;
        try {
            ReloadResult started = server.start();
            started.warnings().forEach(w -> err.println("warning: " + w));
            admin = startAdmin(adminSettings, server);
        } catch (ConfigException e) {
            onStop.run();
            return refuse(e.problems().stream().map(ConfigProblem::toString).toList(),
                    "not started: the configuration has " + e.problems().size() + " error(s)", err);
        } catch (RuntimeException e) {
            onStop.run();
            return refuse(List.of(), "not started: " + e.getMessage(), err);
        }
        server.addresses().forEach((name, address) ->
                out.println("listener '" + name + "' on " + address.getHostString() + ":" + address.getPort()));
        out.println("admin on " + admin.address().getHostString() + ":" + admin.address().getPort());
        // a change reloads on the same thread as SIGHUP: one reload at a time, the same result
        FolderWatch watch = watched.isEmpty() ? null : FolderWatch.start(watched, Run.WATCH_QUIET, () -> reloads.execute(server::reload));
        watched.forEach(folder -> out.println("watching " + folder));
        out.println("pid " + ProcessHandle.current().pid());
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (stopping.compareAndSet(false, true)) {
                reloads.shutdownNow();
                admin.close();
                server.close();
                onStop.run();
                stopped.countDown();
            }
        }, "junction-stop"));
        stopped.await();
        if (watch != null) {
            watch.close();
        }
        return 0;
    }

    /** The admin listener of a started server; a server whose admin listener cannot start is closed. */
    private static AdminListener startAdmin(JunctionSettings.Admin settings, JunctionServer server) {
        try {
            return AdminListener.start(settings, server, new ServerBackendControl(server));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }
}
