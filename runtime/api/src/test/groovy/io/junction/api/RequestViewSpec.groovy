package io.junction.api

import spock.lang.Specification

class RequestViewSpec extends Specification {

    def "cookie '#name' of '#header' is #expected"() {
        expect:
        request(header, '').cookie(name) == expected

        where:
        header                    | name   || expected
        'a=1; b=2'                | 'b'    || '2'
        'a=1; b=2'                | 'a'    || '1'
        'ab=1; b=2'               | 'b'    || '2'
        'ab=1'                    | 'a'    || null
        'a=1;b= 2 '               | 'b'    || '2'
        'a'                       | 'a'    || ''
        null                      | 'a'    || null
        'session=x=y; user=alice' | 'user' || 'alice'
    }

    def "query parameter '#name' of '#query' is #expected"() {
        expect:
        request(null, query).queryParameter(name) == expected

        where:
        query          | name    || expected
        'a=1&b=2'      | 'b'     || '2'
        'a=1&a=2'      | 'a'     || '1'
        'user=bob&x'   | 'x'     || ''
        'users=bob'    | 'user'  || null
        ''             | 'a'     || null
        'a=1&b=2'      | 'a=1&b' || null
    }

    private static RequestView request(String cookieHeader, String query) {
        new RequestView() {
            String method() { 'GET' }
            String host() { '' }
            String path() { '/' }
            String query() { query }
            String header(String name) { name == 'Cookie' ? cookieHeader : null }
            String remoteAddress() { '127.0.0.1' }
        }
    }
}
