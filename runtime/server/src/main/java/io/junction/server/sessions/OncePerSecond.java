package io.junction.server.sessions;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Lets one log message through per second and counts the ones it holds back, so the next message can say how many
 * there were. Called from any thread; never blocks.
 */
public final class OncePerSecond {

    private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final LongSupplier nanoClock;
    private final AtomicLong lastLetThrough;
    private final AtomicLong heldBack = new AtomicLong();

    public OncePerSecond(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.lastLetThrough = new AtomicLong(nanoClock.getAsLong() - QUIET_NANOS);
    }

    /** @return -1 when this message is held back, else how many were held back since the last one let through */
    public long admit() {
        long now = nanoClock.getAsLong();
        long last = lastLetThrough.get();
        if (now - last < QUIET_NANOS || !lastLetThrough.compareAndSet(last, now)) {
            heldBack.incrementAndGet();
            return -1;
        }
        return heldBack.getAndSet(0);
    }
}
