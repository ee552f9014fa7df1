package io.junction.server.plugins;

import io.junction.api.JunctionExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one way extensions are found: the classes a plugin's own {@code META-INF/extensions.idx} lists (read from
 * its JAR by {@link ExtensionIndex}), loaded through its class loader, each created once and sorted into its
 * {@link ExtensionKind}. Every failure is a {@link PluginRefusedException} with the reason.
 */
final class PluginExtensions {

    private static final Logger log = LoggerFactory.getLogger(PluginExtensions.class);

    private PluginExtensions() {
    }

    /** The plugin's extensions of the known kinds; refuses a plugin that contributes none. */
    static List<Contribution> of(String pluginId, Path jar, ClassLoader loader) {
        checkSharedApi(loader);
        List<String> classNames;
        try {
            classNames = ExtensionIndex.read(jar).orElseThrow(() -> new PluginRefusedException(
                    "contributes no extension: the JAR has no " + ExtensionIndex.RESOURCE + " (is PF4J's annotation processor on the compile class path?)"));
        } catch (IOException e) {
            throw new PluginRefusedException("cannot read " + ExtensionIndex.RESOURCE + ": " + e);
        }
        List<Contribution> contributions = new ArrayList<>();
        for (String className : classNames) {
            Class<?> type = load(className, loader);
            ExtensionKind<?> kind = ExtensionKind.KNOWN.stream().filter(k -> k.type().isAssignableFrom(type)).findFirst().orElse(null);
            if (kind == null) {
                log.debug("plugin '{}': extension {} is of no known kind; ignored", pluginId, className);
                continue;
            }
            JunctionExtension extension = instantiate(type.asSubclass(JunctionExtension.class));
            contributions.add(new Contribution(kind, kind.idOf(extension), extension));
        }
        if (contributions.isEmpty()) {
            throw new PluginRefusedException("contributes no extension: " + ExtensionIndex.RESOURCE + " lists no "
                    + ExtensionKind.KNOWN.stream().map(ExtensionKind::name).collect(Collectors.joining(" or "))
                    + (classNames.isEmpty() ? "" : " (it lists " + String.join(", ", classNames) + ")"));
        }
        return contributions;
    }

    private static Class<?> load(String className, ClassLoader loader) {
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
        return type;
    }

    private static JunctionExtension instantiate(Class<? extends JunctionExtension> type) {
        String className = type.getName();
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new PluginRefusedException("extension class '" + className + "' is abstract");
        }
        try {
            return type.getConstructor().newInstance();
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

    /** A plugin that bundles its own copy of junction-api would implement different extension points. */
    private static void checkSharedApi(ClassLoader loader) {
        List<Class<?>> shared = new ArrayList<>(List.of(JunctionExtension.class));
        ExtensionKind.KNOWN.forEach(kind -> shared.add(kind.type()));
        for (Class<?> type : shared) {
            Class<?> seen;
            try {
                seen = Class.forName(type.getName(), false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new PluginRefusedException("junction-api is not visible to the plugin: " + PluginRefusedException.describe(e));
            }
            if (seen != type) {
                throw new PluginRefusedException("it bundles its own copy of junction-api; depend on junction-api with scope 'provided'");
            }
        }
    }
}
