package io.junction.dsl

import groovy.lang.Closure
import groovy.lang.DelegatesTo
import spock.lang.Specification

/** The DSL interfaces are what IDEs complete and what error messages quote: keep them complete. */
class DslSurfaceSpec extends Specification {

    def "#dsl.simpleName.#method.name documents its usage and delegates every block"() {
        expect: 'error messages quote the usage'
        method.getAnnotation(Usage)?.value()

        and: 'IDEs complete a block from its delegate, resolved delegate first'
        method.parameters.findAll { it.type == Closure }.every {
            def delegatesTo = it.getAnnotation(DelegatesTo)
            delegatesTo && delegatesTo.value() != DelegatesTo.Target && delegatesTo.strategy() == Closure.DELEGATE_FIRST
        }

        where:
        [dsl, method] << [JunctionScript, PoolDsl, HttpListenerDsl, TcpListenerDsl, TcpRouteDsl, RouteDsl].collectMany { dsl -> dsl.methods.collect { [dsl, it] } }
    }
}
