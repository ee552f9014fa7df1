package io.junction.server.plugins;

import io.junction.api.BalancingStrategy;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * One immutable snapshot of the plugins in a plugins folder. Owns its own PF4J plugin manager, so every set
 * has its own class loaders and its own extension instances, created once when the set is loaded; nothing is
 * shared between sets. Loading never throws for a bad plugin: the plugin is refused, stopped and unloaded, the
 * reason is recorded in {@link #problems()}, and the other plugins still load.
 *
 * <p>Plugins are the {@code *.jar} files directly in the folder (hidden files are skipped), each with a PF4J
 * manifest ({@code Plugin-Id}, {@code Plugin-Version}, optional {@code Plugin-Class},
 * {@code Plugin-Dependencies}) and a {@code META-INF/extensions.idx}. Only extensions listed in a plugin's own
 * index and packaged in its own JAR count; extensions on the application class path never do.
 *
 * <p>Hot reload: compare {@link #fingerprintOf(Path)} of the folder with {@link #fingerprint()}; when it differs
 * load a new set beside this one, swap, and {@link #close()} this one once nothing uses its strategies.
 */
public final class PluginSet implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PluginSet.class);

    /** The strategy id form the API asks for: lower-case words joined by '-'. */
    private static final Pattern STRATEGY_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private static final String MISSING_FOLDER_FINGERPRINT = "none";

    private final Path folder;
    private final String fingerprint;
    private final JunctionPluginManager manager;
    private final Map<String, BalancingStrategy> strategies;
    private final List<PluginInfo> plugins;
    private final List<PluginProblem> problems;
    private boolean closed;

    private PluginSet(Path folder, String fingerprint, JunctionPluginManager manager, Map<String, BalancingStrategy> strategies,
                      List<PluginInfo> plugins, List<PluginProblem> problems) {
        this.folder = folder;
        this.fingerprint = fingerprint;
        this.manager = manager;
        this.strategies = Collections.unmodifiableMap(new TreeMap<>(strategies));
        this.plugins = List.copyOf(plugins);
        this.problems = List.copyOf(problems);
        this.closed = manager == null;
    }

    /** A set with no plugins and no problems, e.g. for tests and for a server started without a plugins folder. */
    public static PluginSet empty() {
        return new PluginSet(null, MISSING_FOLDER_FINGERPRINT, null, Map.of(), List.of(), List.of());
    }

    /**
     * Loads and starts every plugin JAR in {@code pluginsDir}. Never throws for a bad plugin or a missing folder:
     * see {@link #problems()}.
     */
    public static PluginSet load(Path pluginsDir) {
        Path folder = pluginsDir.toAbsolutePath().normalize();
        String fingerprint = fingerprintOf(folder);
        if (!Files.isDirectory(folder)) {
            String reason = Files.exists(folder) ? "is not a folder; no plugins loaded" : "does not exist; no plugins loaded";
            log.warn("plugins folder {} {}", folder, reason);
            return new PluginSet(folder, fingerprint, null, Map.of(), List.of(), List.of(PluginProblem.ofFolder(folder.toString(), reason)));
        }
        List<Path> files;
        try {
            files = pluginFiles(folder);
        } catch (IOException e) {
            String reason = "cannot be read (" + e + "); no plugins loaded";
            log.warn("plugins folder {} {}", folder, reason);
            return new PluginSet(folder, fingerprint, null, Map.of(), List.of(), List.of(PluginProblem.ofFolder(folder.toString(), reason)));
        }
        return new Loader(folder, fingerprint).load(files);
    }

    /**
     * A fingerprint of the plugin files in {@code pluginsDir} (names, sizes, modification times); cheap, no JAR is
     * opened. It differs from a loaded set's {@link #fingerprint()} exactly when the folder has changed since.
     */
    public static String fingerprintOf(Path pluginsDir) {
        Path folder = pluginsDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            return MISSING_FOLDER_FINGERPRINT;
        }
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try {
            for (Path file : pluginFiles(folder)) {
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(file, BasicFileAttributes.class);
                } catch (IOException gone) {
                    continue;
                }
                String line = file.getFileName() + "\t" + attributes.size() + "\t" + attributes.lastModifiedTime().toMillis() + "\n";
                digest.update(line.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            digest.update(("unreadable\t" + e.getClass().getName()).getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 16);
    }

    /** The balancing strategies of the loaded plugins by id, sorted by id. */
    public Map<String, BalancingStrategy> strategies() {
        return strategies;
    }

    /** The strategy with this id, or {@code null}. */
    public BalancingStrategy strategy(String id) {
        return strategies.get(id);
    }

    /** Why plugins (or the folder) were refused; empty when everything loaded. */
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

    /** The fingerprint of the folder taken just before this set was loaded; see {@link #fingerprintOf(Path)}. */
    public String fingerprint() {
        return fingerprint;
    }

    /**
     * Stops and unloads the plugins and closes their class loaders. Balancers already created keep working for
     * classes they have loaded, but may fail on first use of any other class: close a set only when the
     * generation that used it has drained. Idempotent.
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
            log.warn("stopping the plugins of {} failed: {}", folder, PluginRefusedException.describe(e));
        }
        try {
            manager.unloadPlugins();
        } catch (RuntimeException e) {
            log.warn("unloading the plugins of {} failed: {}", folder, PluginRefusedException.describe(e));
        }
        log.debug("closed plugins of {}", folder);
    }

    @Override
    public String toString() {
        return "PluginSet" + pluginIds() + " strategies=" + strategies.keySet() + (problems.isEmpty() ? "" : " problems=" + problems.size());
    }

    private static List<Path> pluginFiles(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries
                    .filter(path -> {
                        String name = path.getFileName().toString();
                        String lower = name.toLowerCase(java.util.Locale.ROOT);
                        return !name.startsWith(".") && (lower.endsWith(".jar") || lower.endsWith(".zip")) && Files.isRegularFile(path);
                    })
                    .sorted()
                    .toList();
        }
    }

    /** One load: the steps and the problems found on the way. */
    private static final class Loader {

        private final Path folder;
        private final String fingerprint;
        private final JunctionPluginManager manager;
        private final List<PluginProblem> problems = new ArrayList<>();
        /** plugin id -> file name, for the plugins loaded so far */
        private final Map<String, String> sources = new LinkedHashMap<>();
        private final Map<String, PluginDescriptor> descriptors = new LinkedHashMap<>();
        private final Map<String, BalancingStrategy> strategies = new TreeMap<>();
        /** strategy id -> plugin id providing it */
        private final Map<String, String> owners = new TreeMap<>();
        private final List<PluginInfo> plugins = new ArrayList<>();

        Loader(Path folder, String fingerprint) {
            this.folder = folder;
            this.fingerprint = fingerprint;
            this.manager = new JunctionPluginManager(folder);
        }

        PluginSet load(List<Path> files) {
            for (Path file : files) {
                loadFile(file);
            }
            try {
                manager.resolve();
            } catch (RuntimeException e) {
                for (String id : List.copyOf(sources.keySet())) {
                    refuse(id, "plugin dependencies cannot be resolved: " + PluginRefusedException.describe(e));
                }
            }
            for (String id : List.copyOf(sources.keySet())) {
                PluginWrapper plugin = manager.getPlugin(id);
                boolean resolved = plugin != null && manager.getResolvedPlugins().contains(plugin);
                if (!resolved && !isRefused(id)) {
                    refuse(id, unresolvedReason(descriptors.get(id)));
                }
            }
            for (PluginWrapper plugin : List.copyOf(manager.getResolvedPlugins())) {
                startAndCollect(plugin.getPluginId());
            }
            plugins.sort(java.util.Comparator.comparing(PluginInfo::id));
            PluginSet set = new PluginSet(folder, fingerprint, manager, strategies, plugins, problems);
            log.info("plugins of {}: {} loaded, {} refused; strategies {}", folder, plugins.size(), problems.size(), strategies.keySet());
            return set;
        }

        private void loadFile(Path file) {
            String name = file.getFileName().toString();
            if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
                problem(name, name, "ZIP plugins are not supported; package the plugin as a JAR with a PF4J manifest");
                return;
            }
            String id = null;
            try {
                checkJar(file);
                PluginDescriptor descriptor = manager.describe(file);
                id = blankToNull(descriptor.getPluginId());
                if (id == null) {
                    throw new PluginRefusedException("the manifest has no Plugin-Id");
                }
                if (blankToNull(descriptor.getVersion()) == null) {
                    throw new PluginRefusedException("the manifest has no Plugin-Version");
                }
                String other = sources.get(id);
                if (other != null) {
                    throw new PluginRefusedException("plugin id '" + id + "' is already used by " + other);
                }
                manager.load(file);
                sources.put(id, name);
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

        private void startAndCollect(String id) {
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
            Map<String, BalancingStrategy> own;
            try {
                own = strategiesOf(plugin);
            } catch (PluginRefusedException e) {
                refuse(id, e.getMessage());
                return;
            }
            for (String strategyId : own.keySet()) {
                String owner = owners.get(strategyId);
                if (owner != null) {
                    refuse(id, "strategy id '" + strategyId + "' is already provided by plugin '" + owner + "' (" + sources.get(owner) + ")");
                    return;
                }
            }
            own.forEach((strategyId, strategy) -> {
                strategies.put(strategyId, strategy);
                owners.put(strategyId, id);
            });
            PluginInfo info = new PluginInfo(id, plugin.getDescriptor().getVersion(), sources.get(id), List.copyOf(own.keySet()));
            plugins.add(info);
            log.info("loaded {}", info);
        }

        /** Creates the plugin's strategies, once; throws {@link PluginRefusedException} for the first bad one. */
        private Map<String, BalancingStrategy> strategiesOf(PluginWrapper plugin) {
            ClassLoader loader = plugin.getPluginClassLoader();
            checkSharedApi(loader);
            List<String> classNames;
            try {
                classNames = ExtensionIndex.read(plugin.getPluginPath());
            } catch (IOException e) {
                throw new PluginRefusedException("cannot read " + ExtensionIndex.RESOURCE + ": " + e);
            }
            Map<String, BalancingStrategy> own = new TreeMap<>();
            for (String className : classNames) {
                Class<?> type;
                try {
                    type = Class.forName(className, false, loader);
                } catch (ClassNotFoundException e) {
                    throw new PluginRefusedException("extension class '" + className + "' is listed in " + ExtensionIndex.RESOURCE + " but not in the plugin");
                } catch (LinkageError e) {
                    throw new PluginRefusedException("extension class '" + className + "' cannot be loaded: " + PluginRefusedException.describe(e));
                }
                if (type.getClassLoader() != loader) {
                    throw new PluginRefusedException("extension class '" + className + "' is not packaged in the plugin (it resolves to "
                            + (type.getClassLoader() == null ? "the JDK" : "the application class path") + ")");
                }
                if (!BalancingStrategy.class.isAssignableFrom(type)) {
                    log.debug("plugin '{}': extension {} is not a balancing strategy; ignored", plugin.getPluginId(), className);
                    continue;
                }
                BalancingStrategy strategy = instantiate(type.asSubclass(BalancingStrategy.class));
                String strategyId;
                try {
                    strategyId = strategy.id();
                } catch (RuntimeException | LinkageError e) {
                    throw new PluginRefusedException("id() of extension " + className + " failed: " + PluginRefusedException.describe(e));
                }
                if (strategyId == null || strategyId.isBlank()) {
                    throw new PluginRefusedException("extension " + className + " has a blank strategy id");
                }
                if (!STRATEGY_ID.matcher(strategyId).matches()) {
                    throw new PluginRefusedException("extension " + className + " has strategy id '" + strategyId
                            + "'; ids are lower-case words joined by '-', e.g. 'least-connections'");
                }
                BalancingStrategy twin = own.put(strategyId, strategy);
                if (twin != null) {
                    throw new PluginRefusedException("strategy id '" + strategyId + "' is provided twice, by " + twin.getClass().getName() + " and " + className);
                }
            }
            return own;
        }

        private static BalancingStrategy instantiate(Class<? extends BalancingStrategy> type) {
            String className = type.getName();
            if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
                throw new PluginRefusedException("extension class '" + className + "' is abstract");
            }
            try {
                Constructor<? extends BalancingStrategy> constructor = type.getConstructor();
                return constructor.newInstance();
            } catch (NoSuchMethodException | IllegalAccessException e) {
                throw new PluginRefusedException("extension class '" + className + "' needs to be public with a public constructor taking no arguments");
            } catch (InvocationTargetException e) {
                throw new PluginRefusedException("constructor of extension " + className + " failed: " + PluginRefusedException.describe(e.getCause()));
            } catch (ExceptionInInitializerError e) {
                throw new PluginRefusedException("static initialisation of extension " + className + " failed: " + PluginRefusedException.describe(e));
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                throw new PluginRefusedException("extension " + className + " cannot be created: " + PluginRefusedException.describe(e));
            }
        }

        /** A plugin that bundles its own copy of junction-api would implement a different BalancingStrategy. */
        private static void checkSharedApi(ClassLoader loader) {
            Class<?> seen;
            try {
                seen = Class.forName(BalancingStrategy.class.getName(), false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new PluginRefusedException("junction-api is not visible to the plugin: " + PluginRefusedException.describe(e));
            }
            if (seen != BalancingStrategy.class) {
                throw new PluginRefusedException("it bundles its own copy of junction-api; depend on junction-api with scope 'provided'");
            }
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
            String source = sources.getOrDefault(id, plugin == null ? id : String.valueOf(plugin.getPluginPath().getFileName()));
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
