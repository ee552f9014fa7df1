/** Metric names: one place, so dashboards and alerts can rely on them. */
package io.junction.server.metrics;
