package io.junction.dsl

import io.junction.core.model.AddressRange
import io.junction.core.model.ForwardingSpec
import io.junction.core.model.HttpListenerSpec
import spock.lang.Specification

import static io.junction.dsl.Scripts.compile
import static io.junction.dsl.Scripts.problemsOf

/** The forwarding options of {@code http(...)}: trustedProxies, forwarded, rawPath (docs/hardening.md). */
class ForwardingOptionsSpec extends Specification {

    static final String POOLS = "pool('web') {\n    backend 'http://127.0.0.1:9001'\n}\n"

    def "http('public', port: 1#options) forwards with #expected"() {
        when:
        HttpListenerSpec listener = compile('10-pools.groovy': POOLS,
                '20-http.groovy': "http('public', port: 1$options) { otherwise { forward 'web' } }").listener('public')

        then:
        listener.forwarding() == expected

        where:
        options                                                          || expected
        ''                                                               || ForwardingSpec.DEFAULTS
        ", trustedProxies: '10.0.0.0/8'"                                 || new ForwardingSpec([AddressRange.parse('10.0.0.0/8')], false, false)
        ", trustedProxies: ['10.0.0.0/8', '::1'], forwarded: true"        || new ForwardingSpec([AddressRange.parse('10.0.0.0/8'), AddressRange.parse('::1')], true, false)
        ", rawPath: true"                                                || new ForwardingSpec([], false, true)
        ", forwarded: false, rawPath: false"                             || ForwardingSpec.DEFAULTS
    }

    def "#line -> #message"() {
        expect:
        problemsOf('10-pools.groovy': POOLS, '20-http.groovy': line)*.toString() == ["20-http.groovy:1:1: $message".toString()]

        where:
        line                                                                      || message
        "http('p', port: 1, trustedProxies: '10.0.0/8') { }"                      || "http trustedProxies: '10.0.0/8' is not an address range; write e.g. '10.0.0.0/8', '127.0.0.1/32' or '2001:db8::/32'"
        "http('p', port: 1, trustedProxies: ['lb.local']) { }"                    || "http trustedProxies: 'lb.local' is not an address range; write e.g. '10.0.0.0/8', '127.0.0.1/32' or '2001:db8::/32'"
        "http('p', port: 1, forwarded: 'yes') { }"                                || "http forwarded: got 'yes' (text), expected true or false"
        "http('p', port: 1, rawPath: 1) { }"                                      || "http rawPath: got 1 (Integer), expected true or false"
    }
}
