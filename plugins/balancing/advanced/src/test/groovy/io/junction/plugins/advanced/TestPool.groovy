package io.junction.plugins.advanced

import io.junction.api.Backend
import io.junction.api.Balancer
import io.junction.api.Candidates
import io.junction.api.Options
import io.junction.api.Outcome
import io.junction.api.PoolContext
import io.junction.api.RequestView

import java.util.concurrent.atomic.AtomicInteger

/**
 * A pool of backends named a, b, c, ... with weights and strategy options; some may be marked ineligible. It is
 * the pool a balancer is created for and the candidates it picks from, and it leases as the server does: a
 * picked backend counts the request in flight until {@link #finish}.
 */
final class TestPool implements Candidates, PoolContext {

    final List<TestBackend> backends
    final Options options
    final BitSet ineligible = new BitSet()

    private TestPool(List<TestBackend> backends, Map<String, String> options) {
        this.backends = backends
        this.options = Options.of(options)
    }

    /** One backend per weight, named a, b, c, ... */
    static TestPool weighted(List<Integer> weights, Map<String, String> options = [:]) {
        new TestPool(weights.withIndex().collect { int weight, int i -> new TestBackend(name: ('a'..'z')[i], weight: weight) }, options)
    }

    static TestPool of(int count, Map<String, String> options = [:]) {
        weighted([1] * count, options)
    }

    /** Backends by name; the ones named the same in another pool keep their identity (id). */
    static TestPool named(List<String> names, Map<String, String> options = [:]) {
        new TestPool(names.collect { new TestBackend(name: it, weight: 1) }, options)
    }

    /** Marks the named backends (or none) ineligible; returns this. */
    TestPool without(String... names) {
        ineligible.clear()
        names.each { name -> ineligible.set(backends.findIndexOf { it.name == name }) }
        this
    }

    /** A pick as the server makes it: the backend counts the request in flight from here. */
    TestBackend lease(Balancer balancer, RequestView request = null) {
        def backend = balancer.pick(this, request) as TestBackend
        backend?.active?.incrementAndGet()
        backend
    }

    /** Ends a lease with a response after {@code nanos}. */
    void finish(Balancer balancer, TestBackend backend, long nanos = 1_000_000) {
        backend.active.decrementAndGet()
        balancer.done(backend, Outcome.RESPONDED, nanos, nanos)
    }

    /** How often each backend name came out of {@code n} picks, each lease ended at once. */
    Map<String, Integer> spread(Balancer balancer, int n, Closure<RequestView> request = { null }) {
        def counts = [:].withDefault { 0 }
        n.times { int i ->
            def backend = lease(balancer, request(i))
            counts[backend.name]++
            finish(balancer, backend)
        }
        counts
    }

    @Override String name() { 'test' }
    @Override Options options() { options }
    @Override List<Backend> backends() { backends }
    @Override int size() { backends.size() }
    @Override Backend get(int index) { backends[index] }
    @Override boolean isEligible(int index) { !ineligible.get(index) }

    static final class TestBackend implements Backend {
        String name
        int weight
        final AtomicInteger active = new AtomicInteger()
        /** As the server sets it when a health check or an ejection lets the backend back in. */
        long availableSince = NEVER

        @Override String id() { "http://$name:80" }
        @Override URI uri() { URI.create(id()) }
        @Override int weight() { weight }
        @Override int activeRequests() { active.get() }
        @Override long availableSince() { availableSince }
        @Override String toString() { name }
    }
}
