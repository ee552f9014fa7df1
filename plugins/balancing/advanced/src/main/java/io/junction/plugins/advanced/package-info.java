/**
 * The advanced balancing strategies, shipped as the {@code advanced-strategies} PF4J plugin.
 * Load-aware: {@code random}, {@code least-connections}, {@code p2c} and {@code peak-ewma}, all weighted and all
 * with an optional {@code slow-start} ramp ({@link io.junction.plugins.advanced.SlowStart}). Key-affine:
 * {@code consistent-hash} over a {@code ring}, a {@code maglev} table or {@code rendezvous} scores, with optional
 * bounded loads. Tables are built in {@code create}; picks take no lock and allocate nothing.
 * Compiled against junction-api only.
 */
package io.junction.plugins.advanced;
