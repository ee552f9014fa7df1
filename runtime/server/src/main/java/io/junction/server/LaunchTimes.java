package io.junction.server;

import java.time.Duration;
import java.time.Instant;

/**
 * Where a start's time went, from the JVM's start to the listeners bound, for one log line: what to look at
 * when the launch is slow (docs/performance.md). Plugins load beside the scripts' compilation, so both are shown.
 */
final class LaunchTimes {

    private final Instant startCalled = Instant.now();
    private volatile long pluginsMillis;
    private long scriptsMillis;
    private long listenersMillis;

    static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    void plugins(long millis) {
        pluginsMillis = millis;
    }

    void scripts(long millis) {
        scriptsMillis = millis;
    }

    void listeners(long millis) {
        listenersMillis = millis;
    }

    /** e.g. "612 ms after the JVM started: 180 ms to start(), plugins 210 ms beside scripts 340 ms, listeners 25 ms". */
    String describe() {
        long beforeStart = ProcessHandle.current().info().startInstant()
                .map(jvm -> Duration.between(jvm, startCalled).toMillis()).orElse(-1L);
        long sinceStart = Duration.between(startCalled, Instant.now()).toMillis();
        return (beforeStart < 0 ? sinceStart + " ms after start()" : beforeStart + sinceStart + " ms after the JVM started: "
                + beforeStart + " ms to start()") + ", plugins " + pluginsMillis + " ms beside scripts " + scriptsMillis
                + " ms, listeners " + listenersMillis + " ms";
    }
}
