package io.junction.server.cli

import picocli.CommandLine
import spock.lang.Specification

/**
 * A command line that names a subcommand gets a hierarchy of that subcommand alone (the launch's main thread builds
 * less of picocli's model), and reads the same to its user as the whole hierarchy.
 */
class CommandLineSpec extends Specification {

    def "junction #args builds the model of #built"() {
        expect:
        Main.commandLine(args as String[]).subcommands.keySet() == built as Set

        where:
        args               || built
        ['run', '--watch'] || ['run']
        ['version']        || ['version']
        ['explain', 'GET'] || ['explain']
        ['--help']         || ['demo', 'run', 'check', 'explain', 'reload', 'diff', 'version']
        ['no-such']        || ['demo', 'run', 'check', 'explain', 'reload', 'diff', 'version']
    }

    def "junction #args prints and exits the same with one subcommand's model as with all of them"() {
        expect:
        executed(Main.commandLine(args as String[]), args) == executed(Main.commandLine(), args)

        where:
        args << [['run', '--help'], ['check', '--help'], ['run', '--no-such-option'], ['explain'], ['version'], ['demo', '-h']]
    }

    private static Map executed(CommandLine commandLine, List<String> args) {
        def out = new StringWriter()
        def err = new StringWriter()
        int code = commandLine.setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args as String[])
        [code: code, out: out.toString(), err: err.toString()]
    }
}
