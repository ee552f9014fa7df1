package io.junction.server.config

import spock.lang.Specification

import static io.junction.server.config.SettingKeys.*

/** The admin listener's settings: loopback by default, anything else only with a token. */
class AdminSettingsSpec extends Specification {

    private static List<String> problems(Map<String, String> overrides) {
        try {
            JunctionSettings.load(null, overrides, [:])
            return []
        } catch (SettingsException e) {
            return e.problems()
        }
    }

    def "the defaults bind 127.0.0.1:9900 without a token"() {
        expect:
        JunctionSettings.load(null, [:], [:]).admin() == new JunctionSettings.Admin('127.0.0.1', 9900, '')
    }

    def "bind #bind with token '#token' is #verdict"() {
        expect:
        problems([(ADMIN_BIND): bind, (ADMIN_TOKEN): token]) == expected

        where:
        bind        | token || expected
        '127.0.0.1' | ''    || []
        '::1'       | ''    || []
        'localhost' | ''    || []
        '0.0.0.0'   | 'x1'  || []
        '0.0.0.0'   | ''    || ["command line junction.admin.bind: '0.0.0.0' is not a loopback address, so junction.admin.token must be set"]
        ''          | ''    || ["command line junction.admin.bind: must be an IP address or a host name of this machine, got ''"]
        verdict = expected ? 'refused' : 'accepted'
    }

    def "port #port is refused: #expected"() {
        expect:
        problems([(ADMIN_PORT): port]) == ["command line junction.admin.port: must be $expected, got '$port'" as String]

        where:
        port    || expected
        '70000' || 'from 0 to 65535'
        'nine'  || 'a whole number'
    }
}
