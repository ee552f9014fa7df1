package io.junction.e2e

import spock.util.concurrent.PollingConditions

import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.nio.file.Path

/** {@code junction COMMAND ARGS} in a child JVM on this test run's class path, its output in a log file. */
class JunctionProcess implements Closeable {

    /** A child JVM compiling its scripts took over 30 s while seven builds shared two cores. */
    static final PollingConditions STARTED = new PollingConditions(timeout: 120, delay: 0.2)

    final Process process
    final Path log

    private JunctionProcess(Process process, Path log) {
        this.process = process
        this.log = log
    }

    /** @param jvmArgs given to the child JVM before its main class, e.g. {@code -Djunction.admin.port=0} */
    static JunctionProcess start(Path log, List<String> jvmArgs, String... commandAndArgs) {
        // SIGHUP at its default, as bin/junction starts the JVM, whatever started this test run (nohup ignores it)
        startUnder(['env', '--default-signal=HUP'], log, jvmArgs, commandAndArgs)
    }

    /** As {@link #start}, the JVM started by {@code launcher} (a command that execs its arguments, e.g. {@code env}). */
    static JunctionProcess startUnder(List<String> launcher, Path log, List<String> jvmArgs, String... commandAndArgs) {
        def process = new ProcessBuilder([*launcher, ProcessHandle.current().info().command().get(), *jvmArgs,
                                          '-cp', System.getProperty('java.class.path'), 'io.junction.server.cli.Main', *commandAndArgs])
                .redirectErrorStream(true).redirectOutput(log.toFile()).start()
        new JunctionProcess(process, log)
    }

    /** What the child has printed so far. */
    String output() {
        Files.readString(log)
    }

    /** The child's threads as {@code jcmd Thread.print} lists them, for a failure's message. */
    String threads() {
        def jcmd = new ProcessBuilder('jcmd', pid() as String, 'Thread.print').redirectErrorStream(true).start()
        jcmd.inputStream.text
    }

    long pid() {
        process.pid()
    }

    boolean isAlive() {
        process.alive
    }

    /** Sends the child a signal by name, e.g. {@code HUP}, as an operator's {@code kill} would. */
    void signal(String name) {
        assert new ProcessBuilder('kill', "-$name" as String, pid() as String).start().waitFor() == 0
    }

    @Override
    void close() {
        process.destroy()
        process.waitFor()
    }

    /** The body a listener of the child answers at {@code path} on loopback, or null while nothing answers. */
    static String answer(int port, String path = '/') {
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:$port$path")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()
        } catch (IOException ignored) {
            null
        }
    }
}
