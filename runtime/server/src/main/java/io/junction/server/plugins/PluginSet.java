package io.junction.server.plugins;

import org.pf4j.PluginDescriptor;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One immutable snapshot of the plugins in the built-in and drop-in {@link PluginFolders}. Owns its own PF4J
 * plugin manager, so every set has its own class loaders and its own extension instances, created once when the
 * set is loaded; nothing is shared between sets. Loading never throws for a bad plugin: the plugin is refused,
 * stopped and unloaded, the reason is recorded in {@link #problems()}, and the other plugins still load.
 *
 * <p>Plugins are the {@code *.jar} files directly in each folder (hidden files are skipped), built-in ones
 * first, each with a PF4J manifest ({@code Plugin-Id}, {@code Plugin-Version}, optional {@code Plugin-Class},
 * {@code Plugin-Dependencies}) and a {@code META-INF/extensions.idx} listing at least one extension of a known
 * {@link ExtensionKind}. Only extensions listed in a plugin's own index and packaged in its own JAR count;
 * extensions on the application class path never do. They are served by kind and id from {@link #catalog()}.
 *
 * <p>Hot reload: compare {@link PluginFolders#fingerprint()} with {@link #fingerprint()}; when it differs load a
 * new set beside this one, swap, and {@link #close()} this one once nothing uses its extensions.
 */
public final class PluginSet implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PluginSet.class);

    private final PluginFolders folders;
    private final String fingerprint;
    private final JunctionPluginManager manager;
    private final ExtensionCatalog catalog;
    private final List<PluginInfo> plugins;
    private final List<PluginProblem> problems;
    private boolean closed;

    private PluginSet(PluginFolders folders, String fingerprint, JunctionPluginManager manager, ExtensionCatalog catalog,
                      List<PluginInfo> plugins, List<PluginProblem> problems) {
        this.folders = folders;
        this.fingerprint = fingerprint;
        this.manager = manager;
        this.catalog = catalog;
        this.plugins = List.copyOf(plugins);
        this.problems = List.copyOf(problems);
        this.closed = manager == null;
    }

    /** A set with no plugins and no problems, e.g. for tests. */
    public static PluginSet empty() {
        PluginFolders none = new PluginFolders(null, null);
        return new PluginSet(none, none.fingerprint(), null, ExtensionCatalog.empty(), List.of(), List.of());
    }

    /**
     * Loads and starts the built-in plugins, then the drop-in ones. Never throws for a bad plugin or a missing
     * folder: see {@link #problems()}.
     */
    public static PluginSet load(PluginFolders folders) {
        String fingerprint = folders.fingerprint();
        List<PluginProblem> problems = new ArrayList<>();
        List<PluginFile> files = new ArrayList<>();
        files.addAll(pluginFiles(folders.builtIn(), true, problems));
        files.addAll(pluginFiles(folders.dropIn(), false, problems));
        return new Loader(folders, fingerprint, problems).load(files);
    }

    /** The extensions of the loaded plugins, by kind and id. */
    public ExtensionCatalog catalog() {
        return catalog;
    }

    /** Why plugins (or a folder) were refused; empty when everything loaded. */
    public List<PluginProblem> problems() {
        return problems;
    }

    /** The plugins that loaded and started, sorted by id. */
    public List<PluginInfo> plugins() {
        return plugins;
    }

    /** The ids of the plugins that loaded and started, sorted. */
    public List<String> pluginIds() {
        return plugins.stream().map(PluginInfo::id).toList();
    }

    /** The fingerprint of the folders taken just before this set was loaded; see {@link PluginFolders#fingerprint()}. */
    public String fingerprint() {
        return fingerprint;
    }

    /**
     * Stops and unloads the plugins and closes their class loaders. Extensions' objects already created keep
     * working for classes they have loaded, but may fail on first use of any other class: close a set only when
     * the generation that used it has drained. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            manager.stopPlugins();
        } catch (RuntimeException e) {
            log.warn("stopping the plugins of {} failed: {}", folders, PluginRefusedException.describe(e));
        }
        try {
            manager.unloadPlugins();
        } catch (RuntimeException e) {
            log.warn("unloading the plugins of {} failed: {}", folders, PluginRefusedException.describe(e));
        }
        log.debug("closed plugins of {}", folders);
    }

    @Override
    public String toString() {
        return "PluginSet" + pluginIds() + " " + catalog.summary() + (problems.isEmpty() ? "" : " problems=" + problems.size());
    }

    /** The plugin files of one folder; a folder that is missing or unreadable is a problem, not an error. */
    private static List<PluginFile> pluginFiles(Path folder, boolean builtIn, List<PluginProblem> problems) {
        if (folder == null) {
            return List.of();
        }
        String reason;
        if (Files.isDirectory(folder)) {
            try {
                return PluginFolders.pluginFiles(folder).stream().map(path -> new PluginFile(path, builtIn)).toList();
            } catch (IOException e) {
                reason = "cannot be read (" + e + "); no plugins loaded from it";
            }
        } else {
            reason = Files.exists(folder) ? "is not a folder; no plugins loaded from it" : "does not exist; no plugins loaded from it";
        }
        PluginProblem problem = PluginProblem.ofFolder(folder.toString(), reason);
        log.warn("{}", problem);
        problems.add(problem);
        return List.of();
    }

    private record PluginFile(Path path, boolean builtIn) {
    }

    /** One load: the steps and the problems found on the way. */
    private static final class Loader {

        private final PluginFolders folders;
        private final String fingerprint;
        private final JunctionPluginManager manager;
        private final List<PluginProblem> problems;
        /** plugin id -> the plugin, for the plugins loaded so far */
        private final Map<String, PluginInfo> loaded = new LinkedHashMap<>();
        private final Map<String, PluginDescriptor> descriptors = new LinkedHashMap<>();
        private final ExtensionCatalog.Builder catalog = new ExtensionCatalog.Builder();
        /** plugin id -> its extensions, for the plugins started */
        private final Map<String, List<Contribution>> contributed = new LinkedHashMap<>();
        private final List<PluginInfo> started = new ArrayList<>();

        Loader(PluginFolders folders, String fingerprint, List<PluginProblem> folderProblems) {
            this.folders = folders;
            this.fingerprint = fingerprint;
            this.problems = new ArrayList<>(folderProblems);
            this.manager = new JunctionPluginManager(Stream.of(folders.builtIn(), folders.dropIn())
                    .filter(Objects::nonNull).toList());
        }

        PluginSet load(List<PluginFile> files) {
            for (PluginFile file : files) {
                loadFile(file);
            }
            try {
                manager.resolve();
            } catch (RuntimeException e) {
                for (String id : List.copyOf(loaded.keySet())) {
                    refuse(id, "plugin dependencies cannot be resolved: " + PluginRefusedException.describe(e));
                }
            }
            for (String id : List.copyOf(loaded.keySet())) {
                PluginWrapper plugin = manager.getPlugin(id);
                boolean resolved = plugin != null && manager.getResolvedPlugins().contains(plugin);
                if (!resolved && !isRefused(id)) {
                    refuse(id, unresolvedReason(descriptors.get(id)));
                }
            }
            for (PluginWrapper plugin : List.copyOf(manager.getResolvedPlugins())) {
                start(plugin.getPluginId());
            }
            // catalogued in file order, built-ins first, whatever order dependencies started them in: the first keeps an id
            for (String id : loaded.keySet()) {
                if (contributed.containsKey(id)) {
                    catalogue(id);
                }
            }
            started.sort(Comparator.comparing(PluginInfo::id));
            ExtensionCatalog extensions = catalog.build();
            log.info("plugins ({}): {} loaded, {} refused; {}", folders, started.size(), problems.size(), extensions.summary());
            return new PluginSet(folders, fingerprint, manager, extensions, started, problems);
        }

        private void loadFile(PluginFile file) {
            String name = file.path().getFileName().toString();
            if (name.toLowerCase(Locale.ROOT).endsWith(".zip")) {
                problem(name, name, "ZIP plugins are not supported; package the plugin as a JAR with a PF4J manifest");
                return;
            }
            String id = null;
            try {
                checkJar(file.path());
                PluginDescriptor descriptor = manager.describe(file.path());
                id = blankToNull(descriptor.getPluginId());
                if (id == null) {
                    throw new PluginRefusedException("the manifest has no Plugin-Id");
                }
                if (blankToNull(descriptor.getVersion()) == null) {
                    throw new PluginRefusedException("the manifest has no Plugin-Version");
                }
                PluginInfo other = loaded.get(id);
                if (other != null) {
                    throw new PluginRefusedException("plugin id '" + id + "' is already used by " + other.label());
                }
                manager.load(file.path());
                loaded.put(id, new PluginInfo(id, descriptor.getVersion(), name, file.builtIn()));
                descriptors.put(id, descriptor);
            } catch (RuntimeException | LinkageError e) {
                problem(id == null ? name : id, name, reasonForLoad(e));
            }
        }

        /** Gives plain reasons for the commonest mistakes, which PF4J reports obscurely. */
        private static void checkJar(Path file) {
            try (JarFile jar = new JarFile(file.toFile(), false)) {
                if (jar.getManifest() == null) {
                    throw new PluginRefusedException("the JAR has no META-INF/MANIFEST.MF (it needs Plugin-Id and Plugin-Version)");
                }
            } catch (IOException e) {
                throw new PluginRefusedException("it is not a JAR file (" + (e.getMessage() == null ? e.getClass().getName() : e.getMessage()) + ")");
            }
        }

        /** Starts the plugin and creates its extensions, or refuses it. */
        private void start(String id) {
            PluginWrapper plugin = manager.getPlugin(id);
            if (plugin == null) {
                return; // unloaded with a plugin it depends on; already reported
            }
            try {
                PluginState state = manager.startPlugin(id);
                if (state != PluginState.STARTED) {
                    Throwable failure = plugin.getFailedException();
                    throw new PluginRefusedException("it did not start (" + state + ")" + (failure == null ? "" : ": " + PluginRefusedException.describe(failure)));
                }
            } catch (PluginRefusedException e) {
                refuse(id, e.getMessage());
                return;
            } catch (RuntimeException | LinkageError e) {
                refuse(id, "start() failed: " + PluginRefusedException.describe(e));
                return;
            }
            try {
                contributed.put(id, PluginExtensions.of(id, plugin.getPluginPath(), plugin.getPluginClassLoader()));
            } catch (PluginRefusedException e) {
                refuse(id, e.getMessage());
            }
        }

        /** Adds a started plugin's extensions to the catalog, or refuses it when one of its ids is taken. */
        private void catalogue(String id) {
            PluginInfo info = loaded.get(id);
            List<Contribution> contributions = contributed.get(id);
            try {
                catalog.add(info, contributions);
            } catch (PluginRefusedException e) {
                refuse(id, e.getMessage());
                return;
            }
            started.add(info);
            log.info("loaded {}: {}", info, contributions.stream().map(Contribution::toString).collect(Collectors.joining(", ")));
        }

        /** PF4J drops a plugin whose dependencies are missing or of the wrong version; say which. */
        private String unresolvedReason(PluginDescriptor descriptor) {
            List<String> missing = new ArrayList<>();
            List<String> wrong = new ArrayList<>();
            for (var dependency : descriptor.getDependencies()) {
                PluginWrapper other = manager.getPlugin(dependency.getPluginId());
                String wanted = dependency.getPluginId() + "@" + dependency.getPluginVersionSupport();
                if (other == null || isRefused(dependency.getPluginId())) {
                    if (!dependency.isOptional()) {
                        missing.add(wanted);
                    }
                } else if (!manager.getVersionManager().checkVersionConstraint(other.getDescriptor().getVersion(), dependency.getPluginVersionSupport())) {
                    wrong.add(wanted + " (found " + other.getDescriptor().getVersion() + ")");
                }
            }
            if (!missing.isEmpty()) {
                return "it needs plugin(s) " + String.join(", ", missing) + " (Plugin-Dependencies), which did not load";
            }
            if (!wrong.isEmpty()) {
                return "it needs plugin version(s) " + String.join(", ", wrong) + " (Plugin-Dependencies)";
            }
            return "its Plugin-Dependencies cannot be resolved";
        }

        private boolean isRefused(String id) {
            return problems.stream().anyMatch(problem -> id.equals(problem.pluginId()));
        }

        private void refuse(String id, String reason) {
            PluginWrapper plugin = manager.getPlugin(id);
            PluginInfo info = loaded.get(id);
            String source = info != null ? info.source() : plugin == null ? id : String.valueOf(plugin.getPluginPath().getFileName());
            problem(id, source, reason);
            if (plugin != null) {
                try {
                    manager.stopPlugin(id);
                } catch (RuntimeException | LinkageError e) {
                    log.debug("stopping refused plugin '{}' failed: {}", id, e.toString());
                }
                try {
                    manager.unloadPlugin(id);
                } catch (RuntimeException | LinkageError e) {
                    log.debug("unloading refused plugin '{}' failed: {}", id, e.toString());
                }
            }
        }

        private void problem(String id, String source, String reason) {
            PluginProblem problem = new PluginProblem(id, source, reason);
            problems.add(problem);
            log.warn("{}", problem);
        }

        private static String reasonForLoad(Throwable e) {
            if (e instanceof PluginRefusedException) {
                return e.getMessage();
            }
            return "it is not a valid plugin JAR: " + PluginRefusedException.describe(e);
        }

        private static String blankToNull(String text) {
            return text == null || text.isBlank() ? null : text;
        }
    }
}
