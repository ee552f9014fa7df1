package io.junction.api;

/**
 * A balancing strategy, referenced from routing scripts by its {@link #id()} ({@code balance 'round-robin'}).
 * Each pool of each configuration generation gets its own {@link Balancer} from {@link #create(PoolContext)}.
 */
public interface BalancingStrategy extends JunctionExtension {

    /**
     * A new balancer for one pool. Build whatever the balancer needs from the pool's backends and options here,
     * not lazily in {@code pick}.
     *
     * @throws IllegalArgumentException when the options are not usable; the message is shown at the pool's
     *                                  file:line and the configuration is refused
     */
    Balancer create(PoolContext pool);
}
