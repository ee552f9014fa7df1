package io.junction.server.engine;

import com.codahale.metrics.Meter;
import com.codahale.metrics.Timer;
import io.junction.core.edit.ForwardingFields;
import io.junction.core.model.HttpLimits;
import io.junction.core.routing.RouteTable;
import io.junction.server.config.JunctionSettings;
import io.junction.server.engine.http1.Http1Limits;
import io.junction.server.logging.AccessLog;

/**
 * What one listener serves with in one configuration generation: its compiled routes, its request
 * timer and 5xx meter, its client-side limits (every field set), the access log, its forwarding fields and whether the backend
 * receives the raw path. A request reads it once, so it runs wholly on the generation it started with.
 *
 * @param headLimits the head limits requests are parsed with (also response heads and chunk lines), made once from
 *                   {@code limits}: the loops' pools find theirs by identity first
 */
public record EngineRoutes(RouteTable<RouteAction> table, Timer requests, Meter errors, HttpLimits limits,
                           AccessLog accessLog, ForwardingFields forwarding, boolean rawPath, Http1Limits headLimits) {

    public EngineRoutes(RouteTable<RouteAction> table, Timer requests, Meter errors, HttpLimits limits,
                        AccessLog accessLog, ForwardingFields forwarding, boolean rawPath) {
        this(table, requests, errors, limits, accessLog, forwarding, rawPath, JunctionSettings.Http.headLimits(limits));
    }

    /** The listener's body limit, 0 = none. */
    long maxRequestBody() {
        return limits.maxRequestBody();
    }
}
