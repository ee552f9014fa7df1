package io.junction.core.pool;

import io.junction.core.model.RetrySpec;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pool's retry budget: requests that are being retried stay within a share of the requests in flight (at
 * least {@link RetrySpec#MIN_CONCURRENT_RETRIES}), so when every backend fails, retries cannot multiply the load.
 * Lock-free; shared by the I/O threads of one pool of one generation.
 */
public final class RetryBudget {

    private final RetrySpec spec;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger retrying = new AtomicInteger();

    RetryBudget(RetrySpec spec) {
        this.spec = spec;
    }

    public void requestStarted() {
        requests.incrementAndGet();
    }

    public void requestEnded() {
        requests.decrementAndGet();
    }

    /** @return true, counting the request as retrying, when the budget leaves room; call {@link #retryEnded} once after */
    public boolean tryStartRetry() {
        while (true) {
            int now = retrying.get();
            int allowed = Math.max(RetrySpec.MIN_CONCURRENT_RETRIES, requests.get() * spec.budgetPercent() / 100);
            if (now >= allowed) {
                return false;
            }
            if (retrying.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    public void retryEnded() {
        retrying.decrementAndGet();
    }

    /** Requests being retried now. */
    public int retrying() {
        return retrying.get();
    }
}
