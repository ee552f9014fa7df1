package io.junction.server.testing

import java.util.concurrent.CopyOnWriteArrayList
import java.util.logging.Handler
import java.util.logging.LogRecord
import java.util.logging.Logger
import java.util.logging.SimpleFormatter

/**
 * The lines one of Junction's loggers writes while a spec runs, as the log shows them (parameters filled in).
 * Shared with spock-tests through this module's test JAR; {@code @AutoCleanup} (or {@link #close}) detaches it.
 */
class LogCapture implements Closeable {

    /** I/O threads log while the spec reads. */
    final List<String> lines = new CopyOnWriteArrayList<>()
    /** Held so that the logger, and the handler on it, is not collected while the spec runs. */
    private final Logger logger
    private final Handler handler = new Handler() {
        @Override
        void publish(LogRecord record) {
            lines << new SimpleFormatter().formatMessage(record)
        }

        @Override
        void flush() {
        }

        @Override
        void close() {
        }
    }

    static LogCapture of(Class<?> logging) {
        of(logging.name)
    }

    static LogCapture of(String loggerName) {
        new LogCapture(Logger.getLogger(loggerName))
    }

    private LogCapture(Logger logger) {
        this.logger = logger
        logger.addHandler(handler)
    }

    @Override
    void close() {
        logger.removeHandler(handler)
    }
}
