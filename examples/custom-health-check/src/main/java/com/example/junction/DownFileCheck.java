package com.example.junction;

import io.junction.api.HealthCheck;
import io.junction.api.Options;
import io.junction.api.Probe;
import io.junction.api.ProbeResult;
import io.junction.api.Target;
import org.pf4j.Extension;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * {@code down-file}: an operator takes a backend out by creating a file named after it, {@code host_port.down},
 * in the check's {@code dir}, and brings it back by removing the file. Nothing is sent to the backend, so the
 * probe answers at once and never blocks the health scheduler's thread.
 */
@Extension
public final class DownFileCheck implements HealthCheck {

    private static final Set<String> OPTIONS = Set.of("dir");

    @Override
    public String id() {
        return "down-file";
    }

    @Override
    public Probe create(Options options) {
        if (!OPTIONS.containsAll(options.keys())) {
            throw new IllegalArgumentException("down-file takes only dir, got " + new TreeSet<>(options.keys()));
        }
        String dirText = options.get("dir", null);
        if (dirText == null || dirText.isBlank()) {
            throw new IllegalArgumentException("down-file needs dir: the folder where host_port.down files appear");
        }
        Path dir;
        try {
            dir = Path.of(dirText);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("down-file dir: '" + dirText + "' is not a path");
        }
        return target -> CompletableFuture.completedFuture(verdict(dir.resolve(fileName(target))));
    }

    /** The file that takes the target's backend out, e.g. {@code 127.0.0.1_9001.down}. */
    static String fileName(Target target) {
        return target.host() + "_" + target.port() + ".down";
    }

    private static ProbeResult verdict(Path flag) {
        return Files.exists(flag)
                ? ProbeResult.failed(flag.getFileName() + " exists")
                : ProbeResult.passed("no " + flag.getFileName());
    }
}
