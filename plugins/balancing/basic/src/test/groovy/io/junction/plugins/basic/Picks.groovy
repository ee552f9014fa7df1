package io.junction.plugins.basic

import io.junction.api.Balancer

import java.util.concurrent.Callable
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.atomic.LongAdder

/** Shared pick harness for the strategy specs: sequential picks as a string, and concurrent picks counted per backend. */
final class Picks {

    private Picks() {}

    /** The names of {@code n} successive picks, joined: e.g. 'abcabc'. */
    static String of(Balancer balancer, TestCandidates candidates, int n) {
        (1..n).collect { balancer.pick(candidates, null).toString() }.join()
    }

    /**
     * Starts {@code threads} threads together (behind a latch), each making {@code perThread} picks,
     * waits for all of them and returns how often each backend name was picked.
     */
    static ConcurrentHashMap<String, LongAdder> concurrently(Balancer balancer, TestCandidates candidates, int threads, int perThread) {
        def counts = new ConcurrentHashMap<String, LongAdder>()
        def start = new CountDownLatch(1)
        def pool = Executors.newFixedThreadPool(threads)
        def futures = (1..threads).collect {
            pool.submit({
                start.await()
                perThread.times { counts.computeIfAbsent(balancer.pick(candidates, null).toString()) { new LongAdder() }.increment() }
            } as Callable)
        }
        start.countDown()
        futures*.get()
        pool.shutdown()
        counts
    }
}
