/**
 * The basic active health checks, shipped as the {@code basic-health-checks} PF4J plugin: {@code http}
 * ({@link io.junction.plugins.health.HttpCheck}) and {@code tcp} ({@link io.junction.plugins.health.TcpCheck}).
 * Plain JDK asynchronous sockets, one connection per probe, closed when the probe ends or times out.
 * Compiled against junction-api only.
 */
package io.junction.plugins.health;
