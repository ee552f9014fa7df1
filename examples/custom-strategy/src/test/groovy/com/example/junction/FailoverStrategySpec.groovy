package com.example.junction

import io.junction.api.Backend
import io.junction.api.Candidates
import io.junction.api.Options
import io.junction.api.PoolContext
import spock.lang.Specification

class FailoverStrategySpec extends Specification {

    def "with #ineligible not eligible, backends #backends give #expected"() {
        given:
        def pool = new TestPool(backends, ineligible)
        def balancer = new FailoverStrategy().create(pool)

        expect:
        balancer.pick(pool, null)?.id() == expected

        where:
        backends          | ineligible  || expected
        ['a', 'b', 'c']   | []          || 'a'
        ['a', 'b', 'c']   | ['a']       || 'b'
        ['a', 'b', 'c']   | ['a', 'b']  || 'c'
        ['a', 'b', 'c']   | ['b']       || 'a'
        ['a', 'b']        | ['a', 'b']  || null
    }

    def "options are refused with a message naming them"() {
        when:
        new FailoverStrategy().create(new TestPool(['a'], [], Options.of([order: 'reverse'])))

        then:
        def e = thrown(IllegalArgumentException)
        e.message == 'failover takes no options, got [order]'
    }

    /** A pool of named backends, some not eligible; it is its own candidates, as in the server. */
    static class TestPool implements PoolContext, Candidates {
        final List<Backend> backends
        final List<String> ineligible
        final Options options

        TestPool(List<String> names, List<String> ineligible, Options options = Options.none()) {
            this.backends = names.collect { name -> new NamedBackend(name: name) as Backend }
            this.ineligible = ineligible
            this.options = options
        }

        String name() { 'test' }
        Options options() { options }
        List<Backend> backends() { backends }
        int size() { backends.size() }
        Backend get(int index) { backends[index] }
        boolean isEligible(int index) { !(backends[index].id() in ineligible) }
    }

    static class NamedBackend implements Backend {
        String name
        String id() { name }
        URI uri() { URI.create("http://$name:80") }
        int weight() { 1 }
        int activeRequests() { 0 }
    }
}
