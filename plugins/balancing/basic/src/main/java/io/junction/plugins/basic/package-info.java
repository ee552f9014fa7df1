/**
 * The basic balancing strategies, shipped as the {@code basic-strategies} PF4J plugin:
 * {@code round-robin} ({@link io.junction.plugins.basic.RoundRobinStrategy}) and
 * {@code weighted-round-robin} ({@link io.junction.plugins.basic.WeightedRoundRobinStrategy}, nginx's smooth variant).
 * Compiled against junction-api only; the host supplies the API and PF4J at run time.
 */
package io.junction.plugins.basic;
