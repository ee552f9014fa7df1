package io.junction.server.engine;

import com.codahale.metrics.Meter;
import com.codahale.metrics.Timer;
import io.junction.core.edit.ForwardingFields;
import io.junction.core.routing.RouteTable;
import io.junction.server.logging.AccessLog;

/**
 * What one listener serves with in one configuration generation: its compiled routes, its request
 * timer and 5xx meter, the body limit (0 = none), the access log, its forwarding fields and whether the backend
 * receives the raw path. A request reads it once, so it runs wholly on the generation it started with.
 */
public record EngineRoutes(RouteTable<RouteAction> table, Timer requests, Meter errors, long maxRequestBody,
                           AccessLog accessLog, ForwardingFields forwarding, boolean rawPath) {
}
