package io.junction.api

import spock.lang.Specification

class OptionsSpec extends Specification {

    def "#key reads as #expected"() {
        given:
        def options = Options.of([choices: '3', name: 'ewma'])

        expect:
        options.getInt(key, 7) == expected

        where:
        key       || expected
        'choices' || 3
        'missing' || 7
    }

    def "a value that is not a whole number is refused, naming the option"() {
        when:
        Options.of([choices: 'two']).getInt('choices', 2)

        then:
        def e = thrown(IllegalArgumentException)
        e.message == "option 'choices' must be a whole number, got 'two'"
    }

    def "options are an immutable copy, equal by value"() {
        given:
        def source = [a: '1']
        def options = Options.of(source)

        when:
        source.a = '2'

        then:
        options.get('a', null) == '1'
        options == Options.of([a: '1'])
        Options.of([:]).is(Options.none())

        when:
        options.asMap().put('b', '3')

        then:
        thrown(UnsupportedOperationException)
    }
}
