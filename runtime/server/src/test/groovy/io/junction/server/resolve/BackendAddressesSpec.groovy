package io.junction.server.resolve

import com.codahale.metrics.Counter
import io.junction.core.model.BackendAddress
import io.junction.core.model.BackendSpec
import io.junction.core.model.Config
import io.junction.core.model.PoolSpec
import io.junction.core.model.SourceLocation
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.util.concurrent.PollingConditions

import java.time.Duration
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.atomic.AtomicReference

/** Backend host names: looked up on the resolver's threads, refreshed on a schedule, the last good address kept. */
class BackendAddressesSpec extends Specification {

    static final InetAddress FIRST = InetAddress.getByAddress('app.internal', [10, 0, 0, 1] as byte[])
    static final InetAddress SECOND = InetAddress.getByAddress('app.internal', [10, 0, 0, 2] as byte[])
    static final URI APP = URI.create('http://app.internal:8080')

    /** What the resolver answers for app.internal now; null: it does not resolve. */
    AtomicReference<InetAddress> answer = new AtomicReference<>(FIRST)
    List<String> lookups = new CopyOnWriteArrayList<>()
    Counter failures = new Counter()
    def eventually = new PollingConditions(timeout: 10, delay: 0.01)

    HostResolver resolver = { String host ->
        lookups << "$host on ${Thread.currentThread().name}".toString()
        InetAddress found = host == 'app.internal' ? answer.get() : null
        if (found == null) {
            throw new UnknownHostException(host)
        }
        found
    } as HostResolver

    @AutoCleanup('close') BackendAddresses addresses

    private static Config config(String... backends) {
        def location = new SourceLocation('web.groovy', 2, 5)
        new Config([], [web: PoolSpec.builder('web')
                .backends(backends.collect { new BackendSpec(BackendAddress.parse(it), 1, location) })
                .location(location).build()])
    }

    private BackendAddresses start(Duration refresh) {
        addresses = new BackendAddresses(resolver, refresh, failures)
    }

    /** Started with {@code refresh}, serving a configuration whose one backend is app.internal (looked up once). */
    private Config serving(Duration refresh) {
        start(refresh)
        def served = config('http://app.internal:8080')
        assert addresses.lookUp(served).empty
        addresses.keepFresh(served)
        served
    }

    def "a name is looked up on a resolver thread when a configuration is applied; an address literal is never looked up"() {
        given:
        start(Duration.ofHours(1))

        expect:
        addresses.lookUp(config('http://app.internal:8080', 'http://127.0.0.1:9000', 'tcp://[::1]:9001')).empty
        eventually.eventually { assert lookups == ['app.internal on junction-resolver'] }
        addresses.of(APP) == new InetSocketAddress(FIRST, 8080)
        addresses.of(URI.create('http://127.0.0.1:9000')) == new InetSocketAddress(InetAddress.getByName('127.0.0.1'), 9000)
        addresses.of(URI.create('tcp://[::1]:9001')).port == 9001
        lookups.size() == 1
    }

    def "a name that never resolved is a problem at each backend that uses it, and is counted"() {
        given:
        start(Duration.ofHours(1))

        when:
        def problems = addresses.lookUp(config('http://nowhere.internal:8080', 'https://nowhere.internal:8443'))

        then:
        problems*.toString() == ["web.groovy:2:5: backend 'http://nowhere.internal:8080': host name 'nowhere.internal' does not resolve",
                                 "web.groovy:2:5: backend 'https://nowhere.internal:8443': host name 'nowhere.internal' does not resolve"]
        failures.count == 1
    }

    def "a refresh that fails keeps the last address and is counted; one that finds a new address replaces it"() {
        given:
        def served = serving(Duration.ofMillis(20))

        when: 'DNS stops answering'
        answer.set(null)

        then: 'refreshes fail, and connects still get the last address'
        eventually.eventually { assert failures.count >= 2 }
        addresses.of(APP) == new InetSocketAddress(FIRST, 8080)

        and: 'a reload while DNS is down is no problem for a name that resolved before'
        addresses.lookUp(served).empty

        when: 'DNS answers with a new address'
        answer.set(SECOND)

        then:
        eventually.eventually { assert addresses.of(APP) == new InetSocketAddress(SECOND, 8080) }
        lookups.every { it.endsWith('on junction-resolver') }
    }

    def "refresh #refresh: the served names are looked up again on a schedule: #refreshed"() {
        given:
        serving(refresh)

        when: 'DNS moves the name'
        answer.set(SECOND)

        then: 'a refresh finds the new address, or, with none, the one found when the configuration was applied stays'
        if (refreshed) {
            eventually.eventually { assert addresses.of(APP) == new InetSocketAddress(SECOND, 8080) }
        } else {
            // a window of fifty times the other row's interval, in which no lookup may happen
            Thread.sleep(1_000)
            assert addresses.of(APP) == new InetSocketAddress(FIRST, 8080)
            assert lookups.size() == 1
        }

        where:
        refresh                || refreshed
        Duration.ofMillis(20)  || true
        Duration.ZERO          || false
    }

    def "a name not looked up yet has no address for a connect, never blocks it, and is looked up in the background"() {
        given:
        start(Duration.ofHours(1))

        expect:
        addresses.of(APP) == null
        eventually.eventually { assert addresses.of(APP) == new InetSocketAddress(FIRST, 8080) }
        lookups == ['app.internal on junction-resolver']
    }
}
