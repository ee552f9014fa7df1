package io.junction.api;

import java.util.List;

/**
 * What a balancer is created for: one pool of one configuration generation. The backends are in script
 * order and are the very objects {@link Candidates#get(int)} returns at the same index, so a balancer builds
 * its tables (sequences, rings, lookup tables) once, in {@link BalancingStrategy#create(PoolContext)}.
 */
public interface PoolContext {

    /** The pool's name in the scripts. */
    String name();

    /** The strategy options written in the script ({@code balance 'id', option: value}). */
    Options options();

    /** The pool's backends; never empty, never changes for the lifetime of the balancer. */
    List<Backend> backends();
}
