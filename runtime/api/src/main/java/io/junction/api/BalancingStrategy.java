package io.junction.api;

/**
 * A balancing strategy, referenced from routing scripts by its {@link #id()} ({@code balance 'round-robin'}).
 * Each pool of each configuration generation gets its own {@link Balancer} from {@link #create(Options)}.
 */
public interface BalancingStrategy extends JunctionExtension {

    /** A new balancer for one pool; {@code options} are the pool's strategy options from the script. */
    Balancer create(Options options);
}
