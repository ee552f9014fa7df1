package io.junction.core.model

import spock.lang.Specification

/** Which requests a listener's access log keeps: every failure, and a share of the rest. */
class AccessLogSamplingSpec extends Specification {

    def "#sampling keeps a #status with draw #draw: #kept"() {
        expect:
        sampling.keeps(status, draw) == kept

        where:
        sampling                        | status | draw  || kept
        AccessLogSampling.ALL           | 200    | 0.999 || true
        AccessLogSampling.NONE          | 200    | 0.0   || false
        AccessLogSampling.NONE          | 502    | 0.0   || false
        AccessLogSampling.sample(0.1)   | 200    | 0.05  || true
        AccessLogSampling.sample(0.1)   | 200    | 0.1   || false
        AccessLogSampling.sample(0.1)   | 399    | 0.5   || false
        AccessLogSampling.sample(0.1)   | 404    | 0.5   || true
        AccessLogSampling.sample(0)     | 500    | 0.999 || true
        AccessLogSampling.sample(0)     | 200    | 0.0   || false
    }

    def "#sampling samples: #samples"() {
        expect:
        sampling.samples() == samples

        where:
        sampling                       || samples
        AccessLogSampling.ALL          || false
        AccessLogSampling.NONE         || false
        AccessLogSampling.sample(0.25) || true
        AccessLogSampling.sample(0)    || true
    }

    def "a share of #share is refused"() {
        when:
        AccessLogSampling.sample(share)

        then:
        InvalidSpecException e = thrown()
        e.message == "accessLog sample must be from 0 to 1 (0.1 writes one request in ten), got $share"

        where:
        share << [-0.1d, 1.5d, Double.NaN]
    }
}
