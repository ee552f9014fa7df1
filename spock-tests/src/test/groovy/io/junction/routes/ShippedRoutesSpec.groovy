package io.junction.routes

import io.junction.testkit.Routes
import spock.lang.Shared
import spock.lang.Specification

import static io.junction.testkit.TestRequest.GET
import static io.junction.testkit.TestRequest.POST

/** Route specs, written with the testkit as a user would, for conf.d/ and for every example with a conf dir. */
class ShippedRoutesSpec extends Specification {

    @Shared Routes confD = Routes.load('../conf.d')
    @Shared Routes hostRouting = Routes.load('../examples/host-routing/conf.d')
    @Shared Routes weightedCanary = Routes.load('../examples/weighted-canary/conf.d')

    def "conf.d: #request is #expected"() {
        when:
        def decision = confD.resolve(request)

        then:
        [decision.action(), decision.pool() ?: decision.body()] == expected

        where:
        request                                 || expected
        GET('http://localhost/healthz')         || ['respond', 'ok\n']
        GET('http://localhost/')                || ['forward', 'demo']
        POST('http://example.com/orders/42')    || ['forward', 'demo']
    }

    def "examples/host-routing: #request goes to #expected"() {
        when:
        def decision = hostRouting.resolve(request)

        then:
        (decision.pool() ?: decision.status()) == expected

        where:
        request                                        || expected
        GET('http://shop.example.com/api/cart')        || 'shop'
        GET('http://SHOP.example.com/api')             || 'shop'
        GET('http://shop.example.com/apix')            || 404
        GET('http://shop.example.com/')                || 404
        GET('http://blog.example.com/2024/hello')      || 'blog'
        GET('http://en.blog.example.com/')             || 'blog'
        GET('http://shop.example.com/healthz')         || 200
        GET('http://example.org/')                     || 404
    }

    def "examples/weighted-canary: every request goes to pool app"() {
        expect:
        weightedCanary.resolve(GET("http://app.example.com$path")).pool() == 'app'

        where:
        path << ['/', '/api/cart', '/healthz']
    }
}
