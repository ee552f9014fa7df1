package io.junction.dsl.internal;

import groovy.lang.GroovyClassLoader;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.SourceUnit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The loader of one compilation's script classes. It remembers the bytecode of what it compiled, so a
 * {@link io.junction.dsl.ScriptCache} can keep it, and defines classes a cache kept without compiling them.
 */
final class ScriptClassLoader extends GroovyClassLoader {

    private final Map<String, byte[]> compiled = new LinkedHashMap<>();

    ScriptClassLoader(ClassLoader parent, CompilerConfiguration configuration) {
        super(parent, configuration);
    }

    /** Compiles {@code text} and returns its script class plus the bytecode of every class it made (script class first). */
    Compiled compile(String text, String fileName) {
        compiled.clear();
        Class<?> scriptClass = parseClass(text, fileName);
        Map<String, byte[]> classes = new LinkedHashMap<>();
        classes.put(scriptClass.getName(), compiled.get(scriptClass.getName()));
        classes.putAll(compiled);
        return new Compiled(scriptClass, classes);
    }

    /** Defines classes a cache kept (script class first, which is returned); they find each other through this loader. */
    Class<?> define(Map<String, byte[]> classes) {
        Class<?> scriptClass = null;
        for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
            Class<?> defined = defineClass(entry.getKey(), entry.getValue());
            scriptClass = scriptClass == null ? defined : scriptClass;
        }
        return scriptClass;
    }

    @Override
    protected ClassCollector createCollector(CompilationUnit unit, SourceUnit su) {
        return new ClassCollector(new InnerLoader(this), unit, su) {
            @Override
            protected Class createClass(byte[] code, ClassNode classNode) {
                compiled.put(classNode.getName(), code);
                return super.createClass(code, classNode);
            }
        };
    }

    record Compiled(Class<?> scriptClass, Map<String, byte[]> classes) {
    }
}
