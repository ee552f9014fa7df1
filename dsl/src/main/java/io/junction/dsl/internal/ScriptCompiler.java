package io.junction.dsl.internal;

import groovy.lang.Binding;
import io.junction.core.check.ConfigException;
import io.junction.core.model.Config;
import io.junction.core.model.SourceLocation;
import io.junction.dsl.ScriptCache;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.codehaus.groovy.syntax.SyntaxException;

import java.io.IOException;
import java.nio.file.Path;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Compiles and runs routing scripts. This is the one place the Groovy compiler is set up. */
public final class ScriptCompiler {

    private static final CompilerConfiguration CONFIGURATION = new CompilerConfiguration();
    private static final Pattern UNEXPECTED_INPUT = Pattern.compile("Unexpected input: '(.*)'", Pattern.DOTALL);

    static {
        CONFIGURATION.setScriptBaseClass(JunctionBaseScript.class.getName());
        CONFIGURATION.setSourceEncoding(StandardCharsets.UTF_8.name());
    }

    private ScriptCompiler() {
    }

    /**
     * Compiles every source (file name -> text) in iteration order into one config; files the scripts name
     * (certificates, keys) are read relative to {@code confDir}; scripts the cache kept are not compiled again.
     */
    public static Config compile(LinkedHashMap<String, String> sources, Path confDir, ScriptCache cache) throws ConfigException {
        GroovyRuntimeStart.awaitStarted();
        ConfigBuilder config = new ConfigBuilder(confDir);
        // a loader per compilation, so a reload never sees the classes of the previous one
        try (ScriptClassLoader loader = new ScriptClassLoader(ScriptCompiler.class.getClassLoader(), CONFIGURATION)) {
            sources.forEach((name, text) -> {
                ScriptFile file = ScriptFile.of(name, text);
                cached(loader, name, text, cache).or(() -> parse(loader, file, text, cache, config)).ifPresent(scriptClass -> config.run(file,
                        (JunctionBaseScript) InvokerHelper.createScript(scriptClass, new Binding())));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!config.problems().isEmpty()) {
            throw new ConfigException(config.problems());
        }
        return config.config();
    }

    private static Optional<Class<?>> cached(ScriptClassLoader loader, String name, String text, ScriptCache cache) {
        return cache.classes(name, text, CONFIGURATION.getScriptBaseClass()).map(loader::define);
    }

    /**
     * The script's class, or empty after recording its compile errors. The Groovy parser stops at
     * the first syntax error, so after one the text up to the next top-level statement is blanked
     * and the rest parsed again: one run reports the syntax errors of every statement. A script that
     * compiled at once is given to the cache.
     */
    private static Optional<Class<?>> parse(ScriptClassLoader loader, ScriptFile file, String text, ScriptCache cache,
                                            ConfigBuilder config) {
        int from = 1;
        boolean failed = false;
        while (true) {
            try {
                ScriptClassLoader.Compiled compiled = loader.compile(file.textFrom(from), file.name());
                if (!failed) {
                    cache.keep(file.name(), text, CONFIGURATION.getScriptBaseClass(), compiled.classes());
                }
                return failed ? Optional.empty() : Optional.of(compiled.scriptClass());
            } catch (CompilationFailedException e) {
                failed = true;
                Optional<Integer> next = report(e, file, config).flatMap(file::resumeAfter);
                if (next.isEmpty() || next.get() <= from) {
                    return Optional.empty();
                }
                from = next.get();
            }
        }
    }

    /** Records every error of one compile attempt; returns the position of the last syntax error. */
    private static Optional<SourceLocation> report(CompilationFailedException failure, ScriptFile file,
                                                   ConfigBuilder config) {
        if (!(failure instanceof MultipleCompilationErrorsException multiple)) {
            config.problem(file.at(1, null), "cannot compile: " + failure.getMessage());
            return Optional.empty();
        }
        Optional<SourceLocation> last = Optional.empty();
        for (Message message : multiple.getErrorCollector().getErrors()) {
            if (message instanceof SyntaxErrorMessage syntaxError) {
                SyntaxException cause = syntaxError.getCause();
                SourceLocation at = new SourceLocation(file.name(), cause.getLine(), cause.getStartColumn());
                boolean pastEnd = file.isPastEnd(cause.getLine(), cause.getStartColumn());
                // Groovy complains where the statement holding the open bracket starts, or at the end of the file
                int statementEnd = pastEnd ? Integer.MAX_VALUE : file.resumeAfter(at).orElse(Integer.MAX_VALUE);
                Optional<SourceLocation> opened = Brackets.unclosed(file.name(), file.lines())
                        .filter(bracket -> bracket.line() < statementEnd && !reported(bracket, config));
                if (opened.isPresent()) {
                    // where the bracket was opened is where the operator must look, not where Groovy gave up
                    char bracket = file.lines().get(opened.get().line() - 1).charAt(opened.get().column() - 1);
                    config.problem(opened.get(), "syntax error: '" + bracket + "' opened here is never closed"
                            + (pastEnd ? ": the script ends before its '" + Brackets.closing(bracket) + "'" : ""));
                } else {
                    config.problem(at, "syntax error: " + describe(cause, file));
                }
                last = Optional.of(at);
            } else {
                StringWriter text = new StringWriter();
                message.write(new PrintWriter(text));
                config.problem(file.at(1, null), "cannot compile: " + text.toString().strip());
            }
        }
        return last;
    }

    /** Whether an earlier syntax error of this run was already reported at the bracket. */
    private static boolean reported(SourceLocation bracket, ConfigBuilder config) {
        return config.problems().stream().anyMatch(problem -> problem.location().equals(bracket));
    }

    /**
     * Groovy's message, made to the point: an "Unexpected input" quotes everything from the start of
     * the statement that failed (with escaped line breaks), and only its last line is what failed.
     */
    private static String describe(SyntaxException error, ScriptFile file) {
        if (file.isPastEnd(error.getLine(), error.getStartColumn())) {
            return "the script ends too early: a '{', '(' or '[' is not closed, or a statement is unfinished";
        }
        Matcher unexpected = UNEXPECTED_INPUT.matcher(error.getOriginalMessage());
        if (!unexpected.matches()) {
            return error.getOriginalMessage().strip();
        }
        String failed = Arrays.stream(unexpected.group(1).split(Pattern.quote("\\n")))
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .reduce((first, second) -> second)
                .orElse("");
        return "unexpected '" + failed + "'";
    }
}
