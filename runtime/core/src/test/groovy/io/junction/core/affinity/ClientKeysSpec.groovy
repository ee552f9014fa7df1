package io.junction.core.affinity

import io.junction.core.model.AffinitySpec
import spock.lang.Specification

class ClientKeysSpec extends Specification {

    def keys = new ClientKeys('web')

    def "#address with ipv4 /#v4 and ipv6 /#v6 -> #key"() {
        expect:
        keys.network(address, new AffinitySpec.ClientIp(v4, v6)) == key

        where:
        address                   | v4 | v6  || key
        '10.1.2.3'                | 32 | 128 || 'web:ip:0a010203/32'
        '10.1.2.3'                | 24 | 128 || 'web:ip:0a010200/24'
        '10.1.2.200'              | 24 | 128 || 'web:ip:0a010200/24'
        '10.1.2.3'                | 20 | 128 || 'web:ip:0a010000/20'
        '2001:db8::1'             | 32 | 64  || 'web:ip:20010db8000000000000000000000000/64'
        '2001:db8:0:0:ffff::1'    | 32 | 48  || 'web:ip:20010db8000000000000000000000000/48'
        'localhost'               | 32 | 128 || null
        ''                        | 32 | 128 || null
    }
}
