package io.junction.server.engine;

import io.junction.api.RequestView;
import io.junction.core.action.RedirectLocation;
import io.junction.core.action.SplitChoice;
import io.junction.core.edit.RequestEdits;
import io.junction.core.edit.ResponseEdits;
import io.junction.core.forward.UpstreamPolicy;
import io.junction.core.model.Action;
import io.junction.core.pool.Pool;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What the engine does with a request a route matched, resolved once per configuration generation. */
public sealed interface RouteAction permits RouteAction.Respond, RouteAction.Redirect, RouteAction.Forward, RouteAction.Split {

    /**
     * Answer with a status, a short text body and extra header fields.
     *
     * @param fields the extra fields as written on the wire ({@code Name: value} lines without the last CRLF), or null
     */
    record Respond(int status, byte[] body, byte[] fields) implements RouteAction {

        public Respond(int status, String body, Map<String, String> headers) {
            this(status, body.getBytes(StandardCharsets.UTF_8), headers.isEmpty() ? null : Responses.ascii(
                    String.join("\r\n", headers.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList())));
        }
    }

    /** Answer with a redirect to where {@link RedirectLocation} says. */
    record Redirect(Action.Redirect redirect) implements RouteAction {

        byte[] locationField(RequestView request, Map<String, String> captures) {
            return Responses.ascii("Location: " + RedirectLocation.of(redirect, request, captures));
        }
    }

    /**
     * Forward to a pool under the route's upstream policy, with its edits.
     *
     * @param maxRequestBody the route's body limit in bytes, or -1 for the listener's
     */
    record Forward(Pool pool, UpstreamPolicy policy, RequestEdits requestEdits, ResponseEdits responseEdits,
                   long maxRequestBody) implements RouteAction {
    }

    /** Forward to the pool {@link SplitChoice} picks. */
    record Split(SplitChoice choice, Map<String, Forward> forwards) implements RouteAction {

        Forward forward(RequestView request) {
            return forwards.get(choice.pool(request));
        }
    }
}
