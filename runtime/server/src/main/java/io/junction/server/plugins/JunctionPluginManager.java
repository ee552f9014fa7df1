package io.junction.server.plugins;

import org.pf4j.ExtensionFinder;
import org.pf4j.JarPluginManager;
import org.pf4j.Plugin;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginFactory;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.List;

/**
 * PF4J's JAR plugin manager, pinned down for a {@link PluginSet}: always deployment mode, plugins only the JARs
 * it is handed, no enabled.txt/disabled.txt, no extension finder (see {@link #createExtensionFinder()}), and a plugin
 * factory that says why a {@code Plugin-Class} cannot be used instead of logging and returning null.
 * One instance per {@code PluginSet}; used by one thread while loading, then only to stop and unload.
 */
final class JunctionPluginManager extends JarPluginManager {

    JunctionPluginManager(List<Path> pluginFolders) {
        super(pluginFolders.toArray(Path[]::new));
        setResolveRecoveryStrategy(ResolveRecoveryStrategy.IGNORE_PLUGIN_AND_CONTINUE);
    }

    @Override
    public RuntimeMode getRuntimeMode() {
        return RuntimeMode.DEPLOYMENT;
    }

    /** Reads the plugin's descriptor (its manifest) without loading it. */
    PluginDescriptor describe(Path jar) {
        return getPluginDescriptorFinder().find(jar);
    }

    /** Loads one plugin JAR: descriptor, class loader, wrapper; not yet resolved or started. */
    PluginWrapper load(Path jar) {
        return loadPluginFromPath(jar);
    }

    /** Orders the loaded plugins by their dependencies; ones whose dependencies are missing stay unresolved. */
    void resolve() {
        resolvePlugins();
    }

    /**
     * None: extensions are found only by {@link PluginExtensions}, from each JAR's own index. PF4J's finders would
     * also take "system extensions" from the application class path; nothing may ask this manager for extensions.
     */
    @Override
    protected ExtensionFinder createExtensionFinder() {
        return null;
    }

    @Override
    protected PluginFactory createPluginFactory() {
        return JunctionPluginManager::createPlugin;
    }

    @Override
    protected PluginStatusProvider createPluginStatusProvider() {
        return new PluginStatusProvider() {
            @Override
            public boolean isPluginDisabled(String pluginId) {
                return false;
            }

            @Override
            public void disablePlugin(String pluginId) {
            }

            @Override
            public void enablePlugin(String pluginId) {
            }
        };
    }

    /** The plugin's {@code Plugin-Class}, or a plain {@link Plugin} when it names none. Throws with a reason. */
    private static Plugin createPlugin(PluginWrapper wrapper) {
        String className = wrapper.getDescriptor().getPluginClass();
        if (className == null || className.isBlank() || className.equals(Plugin.class.getName())) {
            return new Plugin();
        }
        Class<?> type;
        try {
            type = Class.forName(className, true, wrapper.getPluginClassLoader());
        } catch (ClassNotFoundException e) {
            throw new PluginRefusedException("Plugin-Class '" + className + "' is not in the plugin");
        } catch (LinkageError e) {
            throw new PluginRefusedException("Plugin-Class '" + className + "' cannot be loaded: " + PluginRefusedException.describe(e));
        }
        if (!Plugin.class.isAssignableFrom(type)) {
            throw new PluginRefusedException("Plugin-Class '" + className + "' does not extend org.pf4j.Plugin");
        }
        try {
            try {
                return (Plugin) type.getConstructor(PluginWrapper.class).newInstance(wrapper);
            } catch (NoSuchMethodException e) {
                return (Plugin) type.getConstructor().newInstance();
            }
        } catch (InvocationTargetException e) {
            throw new PluginRefusedException("constructor of Plugin-Class '" + className + "' failed: " + PluginRefusedException.describe(e.getCause()));
        } catch (ReflectiveOperationException e) {
            throw new PluginRefusedException("Plugin-Class '" + className + "' needs a public constructor taking no arguments (or a PluginWrapper)");
        }
    }
}
