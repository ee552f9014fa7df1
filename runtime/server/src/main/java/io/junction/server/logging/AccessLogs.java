package io.junction.server.logging;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opens the access log the settings ask for. */
public final class AccessLogs {

    private AccessLogs() {
    }

    /**
     * @param format {@code null} for no access log
     * @param file {@code null} for standard output
     * @throws UncheckedIOException naming the file when it cannot be opened for appending
     */
    public static AccessLog open(AccessLogFormat format, Path file, int queue) {
        return format == null ? AccessLog.OFF : new QueuedAccessLog(format, writer(file), queue);
    }

    private static Writer writer(Path file) {
        if (file == null) {
            // standard output stays open for everything else when the log closes
            return new FilterWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            };
        }
        try {
            return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("access log " + file + " (junction.access-log.file): cannot be opened: "
                    + e.getMessage(), e);
        }
    }
}
