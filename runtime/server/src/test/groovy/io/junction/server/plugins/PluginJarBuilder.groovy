package io.junction.server.plugins

import io.junction.api.BalancingStrategy
import org.pf4j.ExtensionPoint

import javax.tools.DiagnosticCollector
import javax.tools.JavaFileObject
import javax.tools.ToolProvider
import java.nio.file.Files
import java.nio.file.Path
import java.util.jar.Attributes
import java.util.jar.JarEntry
import java.util.jar.JarOutputStream
import java.util.jar.Manifest

/**
 * Builds a real PF4J plugin JAR at test time: compiles Java sources with the system compiler against the
 * junction-api and pf4j of the test class path, writes {@code META-INF/extensions.idx} and a manifest
 * ({@code Plugin-Id}, {@code Plugin-Version}, ...) and jars it.
 * <pre>
 * Path jar = PluginJarBuilder.plugin('acme').strategy('acme.Last', 'last-eligible').buildIn(pluginsDir)
 * </pre>
 * Every part can be left out or broken on purpose, so specs can build the plugins the host must refuse.
 */
class PluginJarBuilder {

    private final Map<String, String> manifest = [:]
    private boolean writeManifest = true
    private final Map<String, String> sources = [:]
    private final List<String> extensions = []
    private boolean writeIndex = true
    private final Map<String, byte[]> resources = [:]

    private PluginJarBuilder(String id) {
        if (id != null) {
            manifest['Plugin-Id'] = id
        }
        manifest['Plugin-Version'] = '1.0.0'
        manifest['Plugin-Provider'] = 'Junction tests'
    }

    /** A plugin with this {@code Plugin-Id} and version 1.0.0. */
    static PluginJarBuilder plugin(String id) {
        new PluginJarBuilder(id)
    }

    PluginJarBuilder version(String version) {
        manifestEntry('Plugin-Version', version)
    }

    /** Sets (or, with {@code null}, removes) one manifest entry. */
    PluginJarBuilder manifestEntry(String name, String value) {
        if (value == null) {
            manifest.remove(name)
        } else {
            manifest[name] = value
        }
        this
    }

    /** Writes no {@code META-INF/MANIFEST.MF} at all. */
    PluginJarBuilder withoutManifest() {
        writeManifest = false
        this
    }

    /** Writes no {@code META-INF/extensions.idx}. */
    PluginJarBuilder withoutIndex() {
        writeIndex = false
        this
    }

    /** Adds a Java source, compiled into the JAR. */
    PluginJarBuilder source(String className, String javaSource) {
        sources[className] = javaSource
        this
    }

    /** Lists a class in {@code META-INF/extensions.idx} (whether or not the JAR holds it). */
    PluginJarBuilder extension(String className) {
        extensions << className
        this
    }

    /** Adds a raw file to the JAR. */
    PluginJarBuilder resource(String path, byte[] bytes) {
        resources[path] = bytes
        this
    }

    /** Copies the class files of {@code types} into the JAR, e.g. to bundle a copy of junction-api. */
    PluginJarBuilder bundle(Class<?>... types) {
        types.each { type ->
            String path = type.name.replace('.', '/') + '.class'
            resources[path] = type.classLoader.getResourceAsStream(path).withCloseable { it.bytes }
        }
        this
    }

    /**
     * An {@code @Extension} strategy with this id whose balancer picks the LAST eligible candidate
     * (so a spec can tell it from round robin). {@code constructorBody} and {@code idExpression} let a spec break it.
     */
    PluginJarBuilder strategy(String className, String strategyId, String constructorBody = '', String idExpression = null) {
        String id = idExpression ?: (strategyId == null ? 'null' : '"' + strategyId + '"')
        source(className, """
            ${packageLine(className)}
            import io.junction.api.*;

            @org.pf4j.Extension
            public class ${simpleName(className)} implements BalancingStrategy {
                public ${simpleName(className)}() { ${constructorBody} }
                @Override public String id() { return ${id}; }
                @Override public Balancer create(PoolContext pool) {
                    return (candidates, request) -> {
                        for (int i = candidates.size() - 1; i >= 0; i--) {
                            if (candidates.isEligible(i)) return candidates.get(i);
                        }
                        return null;
                    };
                }
            }
        """)
        extension(className)
    }

    /** A {@code Plugin-Class} whose start()/stop() run the given Java statements. */
    PluginJarBuilder pluginClass(String className, String startBody = '', String stopBody = '') {
        source(className, """
            ${packageLine(className)}
            public class ${simpleName(className)} extends org.pf4j.Plugin {
                @Override public void start() { ${startBody} }
                @Override public void stop() { ${stopBody} }
            }
        """)
        manifestEntry('Plugin-Class', className)
    }

    /** Builds {@code <Plugin-Id>.jar} (or {@code fileName}) in {@code dir}; returns its path. */
    Path buildIn(Path dir, String fileName = null) {
        Path jar = dir.resolve(fileName ?: "${manifest['Plugin-Id'] ?: 'plugin'}.jar")
        Map<String, byte[]> entries = new TreeMap<>(compile(sources))
        entries.putAll(resources)
        if (writeIndex) {
            entries['META-INF/extensions.idx'] = ('# Generated by PluginJarBuilder\n' + extensions.collect { it + '\n' }.join()).getBytes('UTF-8')
        }
        Files.createDirectories(dir)
        Path partial = dir.resolve(".${jar.fileName}.partial")
        Files.newOutputStream(partial).withCloseable { out ->
            def zip = writeManifest ? new JarOutputStream(out, toManifest()) : new JarOutputStream(out)
            zip.withCloseable {
                entries.each { path, bytes ->
                    zip.putNextEntry(new JarEntry(path))
                    zip.write(bytes)
                    zip.closeEntry()
                }
            }
        }
        Files.move(partial, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING)
        jar
    }

    private Manifest toManifest() {
        def result = new Manifest()
        result.mainAttributes[Attributes.Name.MANIFEST_VERSION] = '1.0'
        manifest.each { name, value -> result.mainAttributes.putValue(name, value) }
        result
    }

    /** Compiles the sources against the test class path's junction-api and pf4j; class file path -> bytes. */
    static Map<String, byte[]> compile(Map<String, String> sources) {
        if (sources.isEmpty()) {
            return [:]
        }
        Path work = Files.createTempDirectory('plugin-jar-builder')
        try {
            Path src = work.resolve('src')
            Path out = Files.createDirectories(work.resolve('classes'))
            List<Path> files = sources.collect { className, text ->
                Path file = src.resolve(className.replace('.', '/') + '.java')
                Files.createDirectories(file.parent)
                Files.writeString(file, text)
                file
            }
            def compiler = ToolProvider.systemJavaCompiler
            assert compiler != null: 'tests need a JDK (javax.tools compiler), not a JRE'
            def diagnostics = new DiagnosticCollector<JavaFileObject>()
            compiler.getStandardFileManager(diagnostics, null, null).withCloseable { fileManager ->
                def options = ['-d', out.toString(), '-classpath', compileClasspath(), '--release', '17', '-proc:none', '-nowarn']
                boolean ok = compiler.getTask(null, fileManager, diagnostics, options, null, fileManager.getJavaFileObjectsFromPaths(files)).call()
                assert ok: "plugin sources do not compile:\n" + diagnostics.diagnostics.join('\n')
            }
            Map<String, byte[]> classes = [:]
            Files.walk(out).withCloseable { paths ->
                paths.filter { Files.isRegularFile(it) }.forEach { classes[out.relativize(it).toString().replace(File.separator, '/')] = Files.readAllBytes(it) }
            }
            classes
        } finally {
            work.toFile().deleteDir()
        }
    }

    /** junction-api and pf4j, wherever the test class path has them (a JAR or a classes folder). */
    static String compileClasspath() {
        [BalancingStrategy, ExtensionPoint].collect { Path.of(it.protectionDomain.codeSource.location.toURI()).toString() }
                .unique().join(File.pathSeparator)
    }

    private static String packageLine(String className) {
        int dot = className.lastIndexOf('.')
        dot < 0 ? '' : "package ${className.substring(0, dot)};"
    }

    private static String simpleName(String className) {
        className.substring(className.lastIndexOf('.') + 1)
    }
}
