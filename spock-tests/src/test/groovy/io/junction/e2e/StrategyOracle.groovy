package io.junction.e2e

import io.junction.api.Backend
import io.junction.api.Balancer
import io.junction.api.BalancingStrategy
import io.junction.api.Candidates
import io.junction.api.Options
import io.junction.api.Outcome
import io.junction.api.PoolContext
import io.junction.api.RequestView
import io.junction.server.plugins.PluginFolders
import io.junction.server.plugins.PluginSet

/**
 * Where a strategy sends a client, asked of the strategy itself: its balancer is built from the built-in plugin JAR
 * over the same backend ids and options as the pool under test, every backend eligible. A spec compares what a real
 * listener did with this, so it needs no hard-coded placement.
 */
class StrategyOracle implements PoolContext, Candidates, Closeable {

    private final PluginSet plugins = PluginSet.load(new PluginFolders(Junction.PLUGINS, null))
    private final Map<String, String> strategyOptions
    private final List<Backend> members
    private final Balancer balancer

    StrategyOracle(String strategy, Map<String, String> options, List<String> backendIds) {
        strategyOptions = options
        members = backendIds.collect { new Member(it) }
        balancer = plugins.catalog().get(BalancingStrategy, strategy).create(this)
    }

    /** @return the id of the backend a connection from {@code clientAddress} (as text) goes to */
    String pick(String clientAddress) {
        RequestView client = [method: { '' }, host: { '' }, path: { '/' }, query: { '' }, header: { String name -> null },
                              remoteAddress: { clientAddress }] as RequestView
        Backend backend = balancer.pick(this, client)
        balancer.done(backend, Outcome.RESPONDED, 0, 0)
        backend.id()
    }

    @Override
    String name() { 'oracle' }

    @Override
    Options options() { Options.of(strategyOptions) }

    @Override
    List<Backend> backends() { members }

    @Override
    int size() { members.size() }

    @Override
    Backend get(int index) { members[index] }

    @Override
    boolean isEligible(int index) { true }

    @Override
    void close() { plugins.close() }

    private static final class Member implements Backend {
        final String id

        Member(String id) { this.id = id }

        @Override
        String id() { id }

        @Override
        URI uri() { URI.create(id) }

        @Override
        int weight() { 1 }

        @Override
        int activeRequests() { 0 }
    }
}
