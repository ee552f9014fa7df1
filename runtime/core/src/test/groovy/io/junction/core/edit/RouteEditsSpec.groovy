package io.junction.core.edit

import io.junction.core.model.Filter
import spock.lang.Specification

import static io.junction.core.model.Filter.Header.Op.ADD
import static io.junction.core.model.Filter.Header.Op.REMOVE
import static io.junction.core.model.Filter.Header.Op.SET
import static io.junction.core.model.Filter.Header.Side.REQUEST
import static io.junction.core.model.Filter.Header.Side.RESPONSE

/** The filter rules both engines apply: path rewrites in route order, then header edits. */
class RouteEditsSpec extends Specification {

    def "#filters turn #path into #expected"() {
        expect:
        RequestEdits.of(filters).rewrite(path) == expected

        where:
        filters                                                       | path             || expected
        [new Filter.StripPrefix('/api')]                              | '/api/cart'      || '/cart'
        [new Filter.StripPrefix('/api')]                              | '/api'           || '/'
        [new Filter.StripPrefix('/api/')]                             | '/api/cart'      || '/cart'
        [new Filter.StripPrefix('/api')]                              | '/apix/cart'     || '/apix/cart'
        [new Filter.StripPrefix('/api')]                              | '/shop/api'      || '/shop/api'
        [new Filter.ReplacePrefix('/v1', '/api/v1')]                  | '/v1/items'      || '/api/v1/items'
        [new Filter.ReplacePrefix('/old', '/')]                       | '/old/a'         || '/a'
        [new Filter.ReplacePrefix('/', '/app')]                       | '/a/b'           || '/app/a/b'
        [new Filter.RegexReplace('^/u/(?<id>\\d+)$', '/users/${id}')] | '/u/42'          || '/users/42'
        [new Filter.RegexReplace('/+', '/')]                          | '//a///b'        || '/a/b'
        [new Filter.RegexReplace('^/x', '')]                          | '/x'             || '/'
        [new Filter.StripPrefix('/api'), new Filter.ReplacePrefix('/', '/v2')] | '/api/a' || '/v2/a'
    }

    def "a rewritten path reaches the engine percent-encoded, an unchanged one not at all"() {
        given:
        def head = new RecordingHead()

        when:
        RequestEdits.of([new Filter.ReplacePrefix('/docs', '/the docs/ü')]).apply(path, head)

        then:
        head.calls == expected

        where:
        path        || expected
        '/docs/a b' || ['path /the%20docs/%C3%BC/a%20b']
        '/other'    || []
    }

    def "request header edits run in route order on the request side only"() {
        given:
        def head = new RecordingHead()
        def filters = [
                new Filter.Header(REQUEST, SET, 'X-Env', 'prod'),
                new Filter.Header(RESPONSE, SET, 'X-Served-By', 'junction'),
                new Filter.Header(REQUEST, ADD, 'X-Tag', 'a'),
                new Filter.Header(REQUEST, REMOVE, 'Cookie', null)]

        when:
        RequestEdits.of(filters).apply('/', head)

        then:
        head.calls == ['set X-Env prod', 'add X-Tag a', 'remove Cookie']
    }

    def "response header edits see only the response side"() {
        given:
        def head = new RecordingHead()
        def filters = [new Filter.Header(REQUEST, SET, 'X-Env', 'prod'), new Filter.Header(RESPONSE, REMOVE, 'Server', null),
                       new Filter.Header(RESPONSE, ADD, 'Cache-Control', 'no-store')]

        when:
        def edits = ResponseEdits.of(filters)
        edits.apply(head)

        then:
        !edits.empty
        ResponseEdits.of(filters.take(1)).empty
        head.calls == ['remove Server', 'add Cache-Control no-store']
    }

    static class RecordingHead implements RequestEditor {
        List<String> calls = []

        void path(String encodedPath) { calls << "path $encodedPath".toString() }

        void set(String name, String value) { calls << "set $name $value".toString() }

        void add(String name, String value) { calls << "add $name $value".toString() }

        void remove(String name) { calls << "remove $name".toString() }
    }
}
