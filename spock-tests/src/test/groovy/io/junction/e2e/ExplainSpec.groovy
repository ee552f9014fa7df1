package io.junction.e2e

import io.junction.e2e.admin.AdminClient
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Files
import java.nio.file.Path

/** {@code junction explain} on a conf.d folder, and {@code GET /api/explain} on a serving Junction: the same answer. */
class ExplainSpec extends Specification {

    @TempDir Path dir

    static final String ROUTES = """http('public', port: 8080) {
    route(host: 'blog.example.com') { respond 200, 'blog' }
    route(host: 'shop.example.com', method: 'POST') { respond 201, 'order' }
    route(host: 'shop.example.com', header: ['X-Canary': 'true']) { respond 200, 'canary' }
    route(host: 'shop.example.com', pathRegex: '/api/(?<area>[a-z]+)/.*') { respond 200, 'api' }
    otherwise { respond 404, 'none' }
}
"""

    private Path conf(String text) {
        def conf = Files.createDirectories(dir.resolve('conf.d'))
        Files.writeString(conf.resolve('20-http.groovy'), text)
        conf
    }

    def "explain #method #url #headers: each earlier route with the matcher that failed, then the action"() {
        when:
        def result = JunctionCommand.run(['explain', '--conf', conf(ROUTES).toString(), *headers.collectMany { ['-H', it] }, method, url] as String[])

        then:
        result.code == 0
        result.out.readLines() == ["listener 'public': $method $url".toString()] + expected

        where:
        method | url                                      | headers              || expected
        'GET'  | 'http://shop.example.com:8080/api/cart/1'| ['X-Canary: false']  || ["20-http.groovy:2:5: no, host 'blog.example.com'", '20-http.groovy:3:5: no, method [POST]',
                                                                                     "20-http.groovy:4:5: no, header 'X-Canary' == 'true'", '20-http.groovy:5:5: matched',
                                                                                     '=> respond 200 (route at 20-http.groovy:5:5) captures {area=cart}']
        'GET'  | 'http://SHOP.example.com/x'               | ['x-canary: true']   || ["20-http.groovy:2:5: no, host 'blog.example.com'", '20-http.groovy:3:5: no, method [POST]',
                                                                                     '20-http.groovy:4:5: matched', '=> respond 200 (route at 20-http.groovy:4:5)']
        'POST' | 'http://other.org/'                       | []                   || ["20-http.groovy:2:5: no, host 'blog.example.com'", "20-http.groovy:3:5: no, host 'shop.example.com'",
                                                                                     "20-http.groovy:4:5: no, host 'shop.example.com'", "20-http.groovy:5:5: no, host 'shop.example.com'",
                                                                                     '=> respond 404 (otherwise at 20-http.groovy:6:5)']
    }

    def "explain refuses #problem with exit 1 and '#message'"() {
        when:
        def result = JunctionCommand.run(['explain', '--conf', conf(script).toString(), *args] as String[])

        then:
        result.code == 1
        result.err.readLines().last() == message

        where:
        problem             | script                                                   | args                                 || message
        'a broken conf.d'   | "http('p', port: 1) {\n    route(path: 'x') { respond 200, 'x' }\n}\n" | ['GET', 'http://a/']  || 'not explained: the configuration has 1 error(s)'
        'a bad header'      | ROUTES                                                   | ['-H', 'NoColon', 'GET', 'http://a/'] || "not explained: header 'NoColon' is not 'Name: value'"
        'a relative URL'    | ROUTES                                                   | ['GET', '/api']                      || "not explained: '/api' is not an absolute URL: write it as http://host/path"
        'an unknown listener'| ROUTES                                                  | ['--listener', 'x', 'GET', 'http://a/'] || "not explained: no http listener 'x'; http listeners: [public]"
    }

    def "GET /api/explain answers for the serving generation"() {
        given:
        def junction = new Junction(dir, ['20-http.groovy': ROUTES.replace('port: 8080', "port: 0, bind: '127.0.0.1'")])
        def admin = new AdminClient(junction)
        def url = URLEncoder.encode('http://shop.example.com/api/cart/1', 'UTF-8')

        when:
        def response = admin.send('GET', "/api/explain?method=GET&url=$url&header=${URLEncoder.encode('X-Canary: false', 'UTF-8')}")
        def body = AdminClient.json(response) as Map

        then:
        response.statusCode() == 200
        body.listener == 'public'
        body.routes == [[route: '20-http.groovy:2:5', matched: false, failed: "host 'blog.example.com'"],
                        [route: '20-http.groovy:3:5', matched: false, failed: 'method [POST]'],
                        [route: '20-http.groovy:4:5', matched: false, failed: "header 'X-Canary' == 'true'"],
                        [route: '20-http.groovy:5:5', matched: true]]
        body.chosen == '20-http.groovy:5:5'
        body.action == 'respond 200'
        body.captures == [area: 'cart']

        when: 'without a url'
        def missing = admin.send('GET', '/api/explain?method=GET')

        then:
        missing.statusCode() == 400
        (AdminClient.json(missing) as Map).error.startsWith('explain needs url=')

        cleanup:
        admin?.close()
        junction?.close()
    }
}
