package io.junction.core.http

import spock.lang.Specification

class RequestPathSpec extends Specification {

    def "#raw is normalised to #normalized and routed as #routable"() {
        expect:
        RequestPath.normalize(raw) == normalized
        RequestPath.routable(normalized) == routable

        where:
        raw                         || normalized              | routable
        '/'                         || '/'                     | '/'
        '/admin'                    || '/admin'                | '/admin'
        '/public/../admin'          || '/admin'                | '/admin'
        '/public/./../admin'        || '/admin'                | '/admin'
        '/a/b/..'                   || '/a/'                   | '/a/'
        '/a/b/.'                    || '/a/b/'                 | '/a/b/'
        '/../../admin'              || '/admin'                | '/admin'
        '/public/%2e%2e/admin'      || '/admin'                | '/admin'
        '/public/%2E./admin'        || '/admin'                | '/admin'
        '/public/.%2e/admin'        || '/admin'                | '/admin'
        '//admin'                   || '/admin'                | '/admin'
        '/public//..//admin/'       || '/admin/'               | '/admin/'
        '/%61dmin'                  || '/admin'                | '/admin'
        '/a%7Eb%2d'                 || '/a~b-'                 | '/a~b-'
        '/public%2F..%2Fadmin'      || '/public%2F..%2Fadmin'  | '/public%2F..%2Fadmin'
        '/public/..%2fadmin'        || '/public/..%2Fadmin'    | '/public/..%2Fadmin'
        '/a%20b'                    || '/a%20b'                | '/a b'
        '/%c3%bcber'                || '/%C3%BCber'            | '/über'
        '/100%25'                   || '/100%25'               | '/100%25'
        '/a;b=c/d'                  || '/a;b=c/d'              | '/a;b=c/d'
    }

    def "#raw is refused: #reason"() {
        when:
        RequestPath.normalize(raw)

        then:
        def e = thrown(BadPathException)
        e.message == reason

        where:
        raw                 || reason
        '/a%00b'            || '%00 in the path'
        '/%c0%ae%c0%ae/'    || 'percent escapes in the path are not UTF-8'
        '/%c0%af'           || 'percent escapes in the path are not UTF-8'
        '/%e0%80%af'        || 'percent escapes in the path are not UTF-8'
        '/%c3'              || 'percent escapes in the path are not UTF-8'
        '/%ff'              || 'percent escapes in the path are not UTF-8'
        '/a%2'              || 'malformed percent escape in the path'
        '/a%zz'             || 'malformed percent escape in the path'
    }
}
