package io.junction.api;

import org.pf4j.ExtensionPoint;

/**
 * A balancing strategy, referenced from routing scripts by its {@link #id()} ({@code balance 'round-robin'}).
 * Each pool of each configuration generation gets its own {@link Balancer} from {@link #create(Options)}.
 */
public interface BalancingStrategy extends ExtensionPoint {

    /** Stable id used in scripts, e.g. {@code round-robin}. Lower case, words joined by '-'. */
    String id();

    /** A new balancer for one pool; {@code options} are the pool's strategy options from the script. */
    Balancer create(Options options);
}
