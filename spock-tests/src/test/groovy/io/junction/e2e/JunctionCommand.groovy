package io.junction.e2e

import io.junction.server.cli.Main

/** {@code junction ARGS} through the real command line in this JVM. */
final class JunctionCommand {

    private JunctionCommand() {
    }

    /** @return {@code code}: the exit code, {@code out} and {@code err}: what it printed to each */
    static Map run(String... args) {
        def out = new StringWriter()
        def err = new StringWriter()
        int code = Main.commandLine(args).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args)
        [code: code, out: out.toString(), err: err.toString()]
    }
}
