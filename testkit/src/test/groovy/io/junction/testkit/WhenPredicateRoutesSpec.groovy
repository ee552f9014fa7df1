package io.junction.testkit

import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

import static io.junction.testkit.TestRequest.GET

/** A {@code when} predicate that throws, as a route test sees it: the next route takes the request, the failure is named. */
class WhenPredicateRoutesSpec extends Specification {

    @TempDir Path dir

    def "#header: a throwing predicate passes the request on and shows as #passedOver"() {
        given:
        Files.writeString(dir.resolve('20-http.groovy'), '''pool('tenants') { backend 'http://10.0.0.1:80' }
pool('web') { backend 'http://10.0.0.2:80' }
http('public', port: 8080) {
    route(when: { request -> request.header('X-Tenant').startsWith('acme') ? true : false }) { forward 'tenants' }
    route(path: '/') { forward 'web' }
}
''')

        when:
        def decision = Routes.load(dir).resolve(GET('http://x:8080/').header(header, 'acme'))

        then:
        decision.route() == route
        decision.passedOver() == passedOver

        where:
        header     || route              | passedOver
        'X-Tenant' || '20-http.groovy:4' | []
        'X-Other'  || '20-http.groovy:5' | ["20-http.groovy:4: predicate threw: Cannot invoke method startsWith() on null object"]
    }
}
