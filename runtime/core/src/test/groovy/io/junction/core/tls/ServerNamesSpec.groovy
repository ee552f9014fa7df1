package io.junction.core.tls

import spock.lang.Specification

class ServerNamesSpec extends Specification {

    def "'#pattern' covers '#name' by wildcard: #covers"() {
        expect:
        ServerNames.coversByWildcard(pattern, name) == covers

        where:
        pattern          | name                  || covers
        '*.example.com'  | 'a.example.com'       || true
        '*.example.com'  | 'a.b.example.com'     || false
        '*.example.com'  | 'example.com'         || false
        '*.example.com'  | '.example.com'        || false
        '*.example.com'  | 'a.example.org'       || false
        'a.example.com'  | 'a.example.com'       || false
    }
}
