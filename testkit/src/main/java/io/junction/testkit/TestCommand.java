package io.junction.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code bin/junction test [--conf DIR] SPEC_DIR...}: runs route specs against a conf dir (default conf.d). */
public final class TestCommand {

    private TestCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        Path conf = Path.of(System.getProperty(Routes.CONF_PROPERTY, "conf.d"));
        List<Path> specDirs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--conf") && i + 1 < args.length) {
                conf = Path.of(args[++i]);
            } else if (args[i].startsWith("-")) {
                System.err.println("usage: junction test [--conf DIR] SPEC_DIR...  (unknown option " + args[i] + ")");
                return SpecRunner.UNUSABLE;
            } else {
                specDirs.add(Path.of(args[i]));
            }
        }
        if (specDirs.isEmpty()) {
            System.err.println("usage: junction test [--conf DIR] SPEC_DIR...");
            return SpecRunner.UNUSABLE;
        }
        return new SpecRunner(System.out).run(conf, specDirs);
    }
}
