/**
 * Active health checks at run time: which probe checks which backend ({@link io.junction.server.health.HealthPlan},
 * built with each generation) and the scheduler that runs them ({@link io.junction.server.health.HealthChecks}),
 * off the I/O threads, one probe in flight per backend, results kept in the backend's shared state.
 */
package io.junction.server.health;
