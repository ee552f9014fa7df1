package io.junction.api;

/**
 * The backends of one pool, in the order the script declares them, with the ones this request may
 * use marked eligible (healthy and not already tried by this request). For the lifetime of a
 * {@link Balancer}, index {@code i} always names the same backend, so a balancer may keep state per index.
 */
public interface Candidates {

    int size();

    Backend get(int index);

    boolean isEligible(int index);
}
