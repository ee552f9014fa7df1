package io.junction.dsl

import io.junction.core.model.AccessLogSampling
import io.junction.core.model.HttpListenerSpec
import spock.lang.Specification

import static io.junction.dsl.Scripts.compile
import static io.junction.dsl.Scripts.problemsOf

/** {@code http('x', port: 8080, accessLog: ...)}: which of a listener's requests the access log writes. */
class AccessLogOptionSpec extends Specification {

    def "accessLog#option: #expected"() {
        when:
        HttpListenerSpec listener = compile('20-http.groovy': "http('public', port: 8080$option) {\n    otherwise { respond 200, 'ok' }\n}\n").listener('public')

        then:
        listener.accessLog() == expected

        where:
        option                        || expected
        ''                            || AccessLogSampling.ALL
        ', accessLog: true'           || AccessLogSampling.ALL
        ', accessLog: false'          || AccessLogSampling.NONE
        ', accessLog: [sample: 0.1]'  || AccessLogSampling.sample(0.1)
        ', accessLog: [sample: 0]'    || AccessLogSampling.sample(0)
        ', accessLog: [sample: 1]'    || AccessLogSampling.ALL
    }

    def "accessLog#option is refused at the listener's line: #message"() {
        expect:
        problemsOf('20-http.groovy': "\nhttp('public', port: 8080$option) {\n    otherwise { respond 200, 'ok' }\n}\n")*.toString() ==
                ["20-http.groovy:2:1: $message"]

        where:
        option                          || message
        ', accessLog: [sample: 1.5]'    || 'accessLog sample must be from 0 to 1 (0.1 writes one request in ten), got 1.5'
        ", accessLog: 'sampled'"        || 'http accessLog: got sampled, expected true, false or [sample: 0.1]'
        ', accessLog: [rate: 0.1]'      || 'http accessLog: got {rate=0.1}, expected true, false or [sample: 0.1]'
    }
}
