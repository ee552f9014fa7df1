package io.junction.server.plugins

import io.junction.api.BalancingStrategy
import spock.lang.AutoCleanup
import spock.lang.Specification
import spock.lang.TempDir

import java.nio.file.Path

/** The catalog of a set of real plugin JARs: extensions by kind and id, each with the plugin it came from. */
class ExtensionCatalogSpec extends Specification {

    @TempDir
    Path plugins

    @AutoCleanup
    PluginSet set

    def setup() {
        PluginJarBuilder.plugin('acme').strategy('acme.Last', 'last-eligible').strategy('acme.Other', 'also-last').buildIn(plugins)
        PluginJarBuilder.plugin('zeta').strategy('zeta.Last', 'zeta-last').buildIn(plugins)
        set = PluginSet.load(new PluginFolders(null, plugins))
    }

    def "strategy '#id' is served by kind and id from plugin '#owner'"() {
        expect:
        set.catalog().get(BalancingStrategy, id).class.name == className
        set.catalog().owner(BalancingStrategy, id).label() == "plugin '$owner' (${owner}.jar)"

        where:
        id              || className    | owner
        'last-eligible' || 'acme.Last'  | 'acme'
        'also-last'     || 'acme.Other' | 'acme'
        'zeta-last'     || 'zeta.Last'  | 'zeta'
    }

    def "ids are sorted per kind, printed per kind, and handed to the validator by DSL word"() {
        expect:
        set.catalog().ids(BalancingStrategy) == ['also-last', 'last-eligible', 'zeta-last']
        set.catalog().summary() == 'strategies: also-last, last-eligible, zeta-last; health checks: (none); session stores: (none)'
        set.catalog().idsByWord() == [balance: ['also-last', 'last-eligible', 'zeta-last'] as Set, health: [] as Set, sessions: [] as Set]
        PluginSet.empty().catalog().summary() == 'strategies: (none); health checks: (none); session stores: (none)'
    }

    def "an unknown id is an error listing the available ones, for #what"() {
        when:
        lookup(set.catalog())

        then:
        def e = thrown(IllegalArgumentException)
        e.message == "unknown balancing strategy 'fastest'; available: also-last, last-eligible, zeta-last"

        where:
        what      | lookup
        'get'     | { ExtensionCatalog c -> c.get(BalancingStrategy, 'fastest') }
        'owner'   | { ExtensionCatalog c -> c.owner(BalancingStrategy, 'fastest') }
    }
}
