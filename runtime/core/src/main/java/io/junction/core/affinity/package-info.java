/**
 * Sticky sessions, whatever the engine: which key identifies a client ({@link io.junction.core.affinity.ClientKeys}),
 * the signed session ids Junction puts in its own cookie ({@link io.junction.core.affinity.SessionSigner}), and the
 * rule of one pool ({@link io.junction.core.affinity.Affinity}): a pinned backend that may still take its clients
 * (up or draining, healthy, not ejected) is used before the balancer is asked; any other answer, a missing pin or a
 * store that failed falls back to the balancer, and the backend that answered is pinned.
 */
package io.junction.core.affinity;
