package io.junction.server.engine;

import io.junction.core.action.SplitChoice;
import io.junction.core.edit.RequestEdits;
import io.junction.core.edit.ResponseEdits;
import io.junction.core.forward.UpstreamPolicy;
import io.junction.core.model.Action;
import io.junction.core.model.RouteSpec;
import io.junction.core.pool.Pool;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** Resolves a route of the model to what the engine serves it with, once per generation. */
public final class RouteActions {

    private RouteActions() {
    }

    /**
     * @param pools  the generation's pools by name
     * @param policy the upstream policy of a pool under this route's policy
     */
    public static RouteAction of(RouteSpec route, Function<String, Pool> pools, Function<Pool, UpstreamPolicy> policy) {
        Action action = route.action();
        if (action instanceof Action.Respond respond) {
            return new RouteAction.Respond(respond.status(), respond.body(), respond.headers());
        }
        if (action instanceof Action.Redirect redirect) {
            return new RouteAction.Redirect(redirect);
        }
        Map<String, RouteAction.Forward> forwards = new LinkedHashMap<>();
        RequestEdits requestEdits = RequestEdits.of(route.filters());
        ResponseEdits responseEdits = ResponseEdits.of(route.filters());
        long limit = route.policy().maxRequestBody() == null ? -1 : route.policy().maxRequestBody();
        for (String name : action.pools()) {
            Pool pool = pools.apply(name);
            forwards.put(name, new RouteAction.Forward(pool, policy.apply(pool), requestEdits, responseEdits, limit));
        }
        if (action instanceof Action.Split split) {
            return new RouteAction.Split(new SplitChoice(split), Map.copyOf(forwards));
        }
        return forwards.values().iterator().next();
    }
}
