package io.junction.server.http;

import io.junction.core.action.SplitChoice;
import io.junction.core.edit.RequestEdits;
import io.junction.core.edit.ResponseEdits;
import io.junction.core.model.Action;
import io.junction.core.model.RouteSpec;
import io.undertow.server.HttpHandler;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The Undertow handler chain of one route: its body limit, then its request and response edits around
 * the forwarder of its pool (or the split between pools); {@code respond} and {@code redirect} answer by
 * themselves, so the edits do not apply to them.
 */
public final class RouteHandlers {

    private RouteHandlers() {
    }

    /** @param forwarder the forwarder of a pool, under this route's policy */
    public static HttpHandler of(RouteSpec route, Function<String, HttpHandler> forwarder) {
        Action action = route.action();
        if (action instanceof Action.Respond respond) {
            return new RespondHandler(respond.status(), respond.body(), respond.headers());
        }
        if (action instanceof Action.Redirect redirect) {
            return new RedirectHandler(redirect);
        }
        HttpHandler chain;
        if (action instanceof Action.Split split) {
            Map<String, HttpHandler> forwarders = new LinkedHashMap<>();
            split.pools().forEach(pool -> forwarders.put(pool, forwarder.apply(pool)));
            chain = new SplitHandler(new SplitChoice(split), forwarders);
        } else {
            chain = forwarder.apply(((Action.Forward) action).pool());
        }
        ResponseEdits responseEdits = ResponseEdits.of(route.filters());
        if (!responseEdits.isEmpty()) {
            chain = new ResponseEditsHandler(responseEdits, chain);
        }
        RequestEdits requestEdits = RequestEdits.of(route.filters());
        if (!requestEdits.isEmpty()) {
            chain = new RequestEditsHandler(requestEdits, chain);
        }
        Long limit = route.policy().maxRequestBody();
        return limit == null ? chain : new RequestBodyLimitHandler(limit, chain);
    }
}
