package io.junction.e2e.admin

import io.junction.e2e.Junction
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** Mutations need the token when one is set; reads never do. */
class AdminTokenSpec extends Specification {

    @TempDir Path dir

    def "with token '#token', #method #path sending #authorization is #status"() {
        given:
        def junction = new Junction(dir, ['web.groovy': "http('public', port: 0, bind: '127.0.0.1') {\n    otherwise { respond 200, 'ok' }\n}\n"])
        def admin = new AdminClient(junction, token)

        when:
        def response = admin.send(method, path, authorization ? [Authorization: authorization] : [:])

        then:
        response.statusCode() == status
        response.headers().firstValue('WWW-Authenticate').isPresent() == (status == 401)

        cleanup:
        admin?.close()
        junction?.close()

        where:
        token    | method | path          | authorization   || status
        's3cret' | 'POST' | '/api/reload' | null            || 401
        's3cret' | 'POST' | '/api/reload' | 'Basic s3cret'  || 401
        's3cret' | 'POST' | '/api/reload' | 'Bearer wrong'  || 403
        's3cret' | 'POST' | '/api/reload' | 'Bearer s3cre'  || 403
        's3cret' | 'POST' | '/api/reload' | 'Bearer s3cret' || 200
        ''       | 'POST' | '/api/reload' | null            || 200
        's3cret' | 'GET'  | '/api/status' | null            || 200
        's3cret' | 'GET'  | '/metrics'    | null            || 200
    }
}
