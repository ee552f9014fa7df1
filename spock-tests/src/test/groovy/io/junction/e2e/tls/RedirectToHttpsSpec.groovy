package io.junction.e2e.tls

import io.junction.e2e.Junction
import io.junction.e2e.RawHttp
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** {@code redirectToHttps} on a plain listener: 308 to the same host, path and query on https, on both engines. */
class RedirectToHttpsSpec extends Specification {

    @Shared @TempDir Path dir
    @Shared @AutoCleanup Junction junction

    def setupSpec() {
        junction = new Junction(dir, ['redirect.groovy': """
            http('public', port: 0, bind: '127.0.0.1') {
                route(path: '/shop') { redirectToHttps port: 8443 }
                otherwise { redirectToHttps() }
            }
        """])
    }

    def "#method #target with Host #host answers 308 with Location #location"() {
        when:
        def response = RawHttp.exchange(junction.server.port('public'),
                "$method $target HTTP/1.1\nHost: $host\nContent-Length: 0\nConnection: close\n\n")

        then:
        response.status == 308
        response.header('Location') == location

        where:
        method | target                | host                  || location
        'GET'  | '/a/b?x=1&y=%20'      | 'example.com'         || 'https://example.com/a/b?x=1&y=%20'
        'POST' | '/form'               | 'Example.COM:8080'    || 'https://example.com/form'
        'GET'  | '/shop/cart?item=7'   | 'shop.example.com:80' || 'https://shop.example.com:8443/shop/cart?item=7'
        'GET'  | '/a%20b'              | 'example.com'         || 'https://example.com/a%20b'
    }
}
