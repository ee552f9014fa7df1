package io.junction.plugins.advanced;

/**
 * Whether a key's walk may stop at an eligible backend. {@code share} is the per-pick allowance per unit of
 * weight, computed once per pick by the balancer ({@link BoundedLoads#share}).
 */
interface Admission {

    /** No bound: the first eligible backend in the key's order. */
    Admission ANY = (index, share) -> true;

    /** May claim a slot: when it answers true, the backend has been counted for this pick. */
    boolean admits(int index, double share);
}
