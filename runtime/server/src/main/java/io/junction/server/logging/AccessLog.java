package io.junction.server.logging;

/**
 * Where an engine reports each finished request. {@link #record} is called on I/O threads, so an
 * implementation must never block: {@link QueuedAccessLog} queues and drops rather than wait.
 */
public interface AccessLog extends AutoCloseable {

    /** Logs nothing. */
    AccessLog OFF = new AccessLog() {
        @Override
        public void record(AccessRecord record) {
        }

        @Override
        public void close() {
        }
    };

    void record(AccessRecord record);

    /** Writes what is queued and stops. */
    @Override
    void close();
}
