package io.junction.testkit;

import groovy.lang.GroovyClassLoader;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Compiles a user's {@code *Spec.groovy} files and runs them on the JUnit Platform against a conf dir
 * ({@link Routes#load()} reads it), printing a JUnit-style summary. Exit codes: 0 all passed, 1 a spec
 * failed, 2 a spec did not compile (reported as {@code file:line: message}) or nothing was found.
 */
public final class SpecRunner {

    public static final int PASSED = 0;
    public static final int FAILED = 1;
    public static final int UNUSABLE = 2;

    private final PrintStream out;

    public SpecRunner(PrintStream out) {
        this.out = out;
    }

    public int run(Path confDir, List<Path> specDirs) {
        List<Path> files = new ArrayList<>();
        for (Path dir : specDirs) {
            if (!Files.isDirectory(dir)) {
                out.println(dir + ": not a folder of *Spec.groovy files");
                return UNUSABLE;
            }
            try (Stream<Path> found = Files.walk(dir)) {
                found.filter(file -> file.getFileName().toString().endsWith("Spec.groovy")).sorted().forEach(files::add);
            } catch (IOException e) {
                out.println(dir + ": cannot read: " + e.getMessage());
                return UNUSABLE;
            }
        }
        if (files.isEmpty()) {
            out.println("no *Spec.groovy files in " + specDirs);
            return UNUSABLE;
        }
        System.setProperty(Routes.CONF_PROPERTY, confDir.toString());
        try (GroovyClassLoader loader = new GroovyClassLoader(SpecRunner.class.getClassLoader())) {
            List<Class<?>> specs = compile(loader, files);
            return specs == null ? UNUSABLE : execute(specs);
        } catch (IOException e) {
            out.println("cannot close the spec class loader: " + e.getMessage());
            return UNUSABLE;
        }
    }

    /** @return the compiled classes, or null after printing each compile error */
    private List<Class<?>> compile(GroovyClassLoader loader, List<Path> files) {
        List<Class<?>> specs = new ArrayList<>();
        boolean broken = false;
        for (Path file : files) {
            try {
                specs.add(loader.parseClass(file.toFile()));
            } catch (MultipleCompilationErrorsException e) {
                broken = true;
                for (Message message : e.getErrorCollector().getErrors()) {
                    out.println(describe(file, message));
                }
            } catch (IOException e) {
                broken = true;
                out.println(file + ": cannot read: " + e.getMessage());
            }
        }
        return broken ? null : specs;
    }

    private static String describe(Path file, Message message) {
        if (message instanceof SyntaxErrorMessage syntax) {
            SyntaxException cause = syntax.getCause();
            return file + ":" + cause.getLine() + ":" + cause.getStartColumn() + ": " + cause.getOriginalMessage();
        }
        return file + ": " + message;
    }

    private int execute(List<Class<?>> specs) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(specs.stream().map(DiscoverySelectors::selectClass).toList()).build(), listener);
        TestExecutionSummary summary = listener.getSummary();
        for (TestExecutionSummary.Failure failure : summary.getFailures()) {
            out.println("FAILED " + failure.getTestIdentifier().getDisplayName() + "\n    "
                    + String.valueOf(failure.getException().getMessage()).strip().replace("\n", "\n    "));
        }
        out.printf("Tests run: %d, Failures: %d, Skipped: %d%n", summary.getTestsStartedCount(),
                summary.getTotalFailureCount(), summary.getTestsSkippedCount());
        return summary.getTotalFailureCount() == 0 && summary.getTestsStartedCount() > 0 ? PASSED : FAILED;
    }
}
