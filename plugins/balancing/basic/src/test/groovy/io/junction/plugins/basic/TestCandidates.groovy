package io.junction.plugins.basic

import io.junction.api.Backend
import io.junction.api.Candidates
import io.junction.api.Options
import io.junction.api.PoolContext

/**
 * A fixed list of backends named a, b, c, ... with weights; some may be marked ineligible. It is also the pool a
 * balancer is created for, as a real pool is.
 */
final class TestCandidates implements Candidates, PoolContext {

    final List<TestBackend> backends
    final BitSet ineligible = new BitSet()

    private TestCandidates(List<TestBackend> backends) {
        this.backends = backends
    }

    /** One backend per weight, named a, b, c, ... */
    static TestCandidates weighted(List<Integer> weights) {
        new TestCandidates(weights.withIndex().collect { int weight, int i -> new TestBackend(name: ('a'..'z')[i], weight: weight) })
    }

    static TestCandidates of(int count) {
        weighted([1] * count)
    }

    /** Marks the named backends (or none) ineligible; returns this. */
    TestCandidates without(String... names) {
        ineligible.clear()
        names.each { name -> ineligible.set(backends.findIndexOf { it.name == name }) }
        this
    }

    @Override
    String name() { 'test' }

    @Override
    Options options() { Options.none() }

    @Override
    List<Backend> backends() { backends }

    @Override
    int size() { backends.size() }

    @Override
    Backend get(int index) { backends[index] }

    @Override
    boolean isEligible(int index) { !ineligible.get(index) }

    static final class TestBackend implements Backend {
        String name
        int weight

        @Override String id() { "http://$name:80" }
        @Override URI uri() { URI.create(id()) }
        @Override int weight() { weight }
        @Override int activeRequests() { 0 }
        @Override String toString() { name }
    }
}
