package io.junction.plugins.advanced

import io.junction.api.Balancer
import spock.lang.Specification

import java.util.concurrent.Callable
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors
import java.util.concurrent.atomic.AtomicInteger

class ConsistentHashSpec extends Specification {

    static final Map<String, String> BY_USER = [key: 'header:X-User']

    def "#algorithm spreads 100k keys over 10 backends with max/avg at most #maxOverAvg"() {
        given:
        def pool = TestPool.of(10, BY_USER + [algorithm: algorithm])
        def balancer = new ConsistentHashStrategy().create(pool)

        when:
        def counts = pool.spread(balancer, 100_000) { Requests.user(it) }

        then:
        counts.values().max() / 10_000 <= maxOverAvg

        where:
        algorithm    || maxOverAvg
        'maglev'     || 1.03
        'rendezvous' || 1.03
        'ring'       || 1.08
    }

    def "#algorithm gives backends weighted #weights their share of the keys within 2%"() {
        given:
        def pool = TestPool.weighted(weights, BY_USER + [algorithm: algorithm])
        def balancer = new ConsistentHashStrategy().create(pool)
        int total = weights.sum() as int

        when:
        def counts = pool.spread(balancer, 50_000) { Requests.user(it) }

        then:
        pool.backends.every { Math.abs(counts[it.name] / 50_000 - it.weight / total) <= 0.02 }

        where:
        [algorithm, weights] << [['maglev', 'rendezvous', 'ring'], [[3, 1], [5, 1, 1], [1, 2, 3, 4]]].combinations()
    }

    def "#algorithm sends a key to the same backend every time, and a new balancer for the same pool agrees"() {
        given:
        def pool = TestPool.of(5, BY_USER + [algorithm: algorithm])
        def first = new ConsistentHashStrategy().create(pool)
        def second = new ConsistentHashStrategy().create(TestPool.of(5, BY_USER + [algorithm: algorithm]))

        expect:
        (1..500).every { user ->
            def picked = pool.lease(first, Requests.user(user)).name
            (1..3).every { pool.lease(first, Requests.user(user)).name == picked } && pool.lease(second, Requests.user(user)).name == picked
        }

        where:
        algorithm << ['maglev', 'rendezvous', 'ring']
    }

    def "#algorithm: when b is not eligible only b's keys move, spread over the others"() {
        given:
        def pool = TestPool.of(4, BY_USER + [algorithm: algorithm])
        def balancer = new ConsistentHashStrategy().create(pool)
        def before = (1..4000).collectEntries { [it, pool.lease(balancer, Requests.user(it)).name] }

        when:
        pool.without('b')
        def after = (1..4000).collectEntries { [it, pool.lease(balancer, Requests.user(it)).name] }

        then:
        before.findAll { user, name -> name != 'b' }.every { user, name -> after[user] == name }
        before.findAll { user, name -> name == 'b' }.collect { user, name -> after[user] }.toSet() == ['a', 'c', 'd'] as Set

        where:
        algorithm << ['maglev', 'rendezvous', 'ring']
    }

    def "#algorithm: a reload that removes c moves #between of the keys between the backends that stay"() {
        given:
        def before = TestPool.named(['a', 'b', 'c', 'd', 'e'], BY_USER + [algorithm: algorithm])
        def after = TestPool.named(['a', 'b', 'd', 'e'], BY_USER + [algorithm: algorithm])
        def old = new ConsistentHashStrategy().create(before)
        def now = new ConsistentHashStrategy().create(after)

        when:
        def kept = (1..20_000).collect { [before.lease(old, Requests.user(it)).name, after.lease(now, Requests.user(it)).name] }
                .findAll { it[0] != 'c' }

        then:
        kept.count { it[0] != it[1] } / kept.size() <= between

        where:
        algorithm    || between
        'ring'       || 0
        'rendezvous' || 0
        'maglev'     || 0.02
    }

    def "the key is read from #key"() {
        given:
        def pool = TestPool.of(10, [key: key])
        def balancer = new ConsistentHashStrategy().create(pool)
        def picks = { parts -> pool.lease(balancer, Requests.with(parts)).name }

        expect: 'the same key, same backend; 200 different keys, every backend'
        (1..20).collect { picks(request('fixed')) }.toSet().size() == 1
        (1..200).collect { picks(request("key-$it")) }.toSet().size() == 10

        where:
        key               | request
        'header:X-User'   | { ['header:X-User': it] }
        'cookie:session'  | { [cookie: "theme=dark; session=$it"] }
        'query:user'      | { [query: "page=2&user=$it"] }
        'client-ip'       | { [ip: it] }
        'path'            | { [path: "/$it"] }
        'host'            | { [host: it] }
    }

    def "#algorithm spreads requests without the key over all backends"() {
        given:
        def pool = TestPool.of(4, BY_USER + [algorithm: algorithm])

        expect:
        pool.spread(new ConsistentHashStrategy().create(pool), 4000).values().every { it > 800 }

        where:
        algorithm << ['maglev', 'rendezvous', 'ring']
    }

    def "#algorithm bound #bound: #threads threads hammering one key never put more than #cap in flight on a backend"() {
        given:
        def pool = TestPool.of(4, BY_USER + [algorithm: algorithm, bound: bound.toString()])
        def balancer = new ConsistentHashStrategy().create(pool)
        def highest = new AtomicInteger()

        when:
        hammer(threads, 5_000) {
            def backend = pool.lease(balancer, Requests.user('hot'))
            highest.accumulateAndGet(backend.active.get(), Math::max)
            pool.finish(balancer, backend)
        }

        then:
        highest.get() <= cap
        pool.backends*.active*.get() == [0, 0, 0, 0]
        (0..3).every { (balancer as ConsistentHash).inFlight(it) == 0 }

        where:
        [algorithm, bound, threads] << [['maglev', 'rendezvous', 'ring'], [1.25, 2.0], [8]].combinations()
        cap = Math.ceil(bound * threads / 4) as int
    }

    def "bound 1.25 under a Zipf(1) mix: no backend above ceil(1.25 x average) in flight while #held requests are held"() {
        given:
        def pool = TestPool.of(10, BY_USER + [bound: '1.25'])
        def balancer = new ConsistentHashStrategy().create(pool)
        def zipf = new Random(7)
        def users = (1..1000).collect { 1.0 / it }
        double norm = users.sum() as double

        when:
        held.times {
            double u = zipf.nextDouble() * norm
            int user = users.findIndexOf { (u -= it) < 0 }
            pool.lease(balancer, Requests.user(user))
        }

        then:
        pool.backends*.active*.get().max() <= Math.ceil(1.25 * held / 10)

        where:
        held << [100, 1000, 5000]
    }

    private static void hammer(int threads, int perThread, Closure work) {
        def start = new CountDownLatch(1)
        def executor = Executors.newFixedThreadPool(threads)
        def futures = (1..threads).collect { executor.submit({ start.await(); perThread.times { work() } } as Callable) }
        start.countDown()
        futures*.get()
        executor.shutdown()
    }
}
