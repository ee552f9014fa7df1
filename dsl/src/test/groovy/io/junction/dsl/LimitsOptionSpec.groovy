package io.junction.dsl

import io.junction.core.model.HttpLimits
import io.junction.core.model.HttpListenerSpec
import spock.lang.Specification

import java.time.Duration

import static io.junction.dsl.Scripts.compile
import static io.junction.dsl.Scripts.problemsOf

/** {@code http('x', port: 8080, limits: [...])}: a listener's own client-side limits, null where the settings apply. */
class LimitsOptionSpec extends Specification {

    def "#word limits #option"() {
        when:
        HttpListenerSpec listener = compile('20-http.groovy': script(word, option)).listener('public')

        then:
        listener.limits() == expected

        where:
        word   | option                                                               || expected
        'http' | ''                                                                   || HttpLimits.NONE
        'http' | ", limits: [maxHeaderSize: 16384, maxHeaders: 50]"                   || new HttpLimits(16384, 50, null, null, null, null, null, null, null)
        'http' | ", limits: [headerTimeout: '5s', idleTimeout: '30s']"               || new HttpLimits(null, null, Duration.ofSeconds(5), Duration.ofSeconds(30), null, null, null, null, null)
        'http' | ", limits: [maxRequestBody: '10m', maxRequestsPerConnection: 1000]" || new HttpLimits(null, null, null, null, 10L << 20, 1000, null, null, null)
        'http' | ", limits: [maxRequestBody: '64k']"                                 || new HttpLimits(null, null, null, null, 65536L, null, null, null, null)
        'http' | ", limits: [maxRequestBody: 1000]"                                  || new HttpLimits(null, null, null, null, 1000L, null, null, null, null)
        'http' | ", limits: [bodyReadGap: '20s', responseWriteGap: '2m']"           || new HttpLimits(null, null, null, null, null, null, Duration.ofSeconds(20), Duration.ofMinutes(2), null)
        'http' | ", limits: [maxConnections: 500]"                                   || new HttpLimits(null, null, null, null, null, null, null, null, 500)
    }

    def "limits#option is refused at the listener's line: #message"() {
        expect:
        problemsOf('20-http.groovy': "\n" + script('http', option))*.toString() == ["20-http.groovy:2:1: $message"]

        where:
        option                                    || message
        ', limits: [maxHeadersize: 16384]'        || "'http limits' has no option 'maxHeadersize'; did you mean 'maxHeaderSize'? allowed: bodyReadGap, headerTimeout, idleTimeout, maxConnections, maxHeaderSize, maxHeaders, maxRequestBody, maxRequestsPerConnection, responseWriteGap"
        ", limits: [idleTimeout: '30'] "          || "http limits idleTimeout: '30' is not a duration; write a whole number above 0 followed by ms, s, m or h, e.g. 250ms, 1s, 2m"
        ", limits: [maxRequestBody: '10 GB']"     || "http limits maxRequestBody: '10 GB' is not a size; write a whole number of bytes, optionally followed by k or m, e.g. 65536, 64k, 10m"
        ', limits: [maxHeaders: 0]'               || 'limits maxHeaders: got 0, expected 1 or more'
        ', limits: [maxRequestsPerConnection: -1]' || 'limits maxRequestsPerConnection: got -1, expected 0 or more'
        ', limits: [maxConnections: -1]'          || 'limits maxConnections: got -1, expected 0 or more'
        ", limits: [bodyReadGap: '0s']"           || "http limits bodyReadGap: '0s' is not a duration; write a whole number above 0 followed by ms, s, m or h, e.g. 250ms, 1s, 2m"
        ', limits: 100'                           || 'http limits: got 100, expected a map, e.g. [maxHeaders: 50, idleTimeout: \'30s\']'
    }

    private static String script(String word, String option) {
        "$word('public', port: 8080$option) {\n    otherwise { respond 200, 'ok' }\n}\n"
    }
}
