package io.junction.server;

import java.lang.management.ManagementFactory;
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
        // the JVM's own start, in milliseconds: the process may have begun long before (bin/junction of a checkout
        // builds the distribution first, then execs the JVM), and /proc's start time is rounded to the boot second
        Instant jvmStarted = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        long beforeStart = Duration.between(jvmStarted, startCalled).toMillis();
        long sinceStart = Duration.between(startCalled, Instant.now()).toMillis();
        return beforeStart + sinceStart + " ms after the JVM started: " + beforeStart + " ms to start(), plugins " + pluginsMillis
                + " ms beside scripts " + scriptsMillis + " ms, listeners " + listenersMillis + " ms";
    }
}
