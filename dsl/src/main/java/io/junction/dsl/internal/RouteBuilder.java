package io.junction.dsl.internal;

import io.junction.core.model.Action;
import io.junction.core.model.Filter;
import io.junction.core.model.Matcher;
import io.junction.core.model.PoolSpec;
import io.junction.core.model.RoutePolicy;
import io.junction.core.model.RouteRetry;
import io.junction.core.model.RouteSpec;
import io.junction.core.model.SourceLocation;
import io.junction.core.model.SplitKey;
import io.junction.dsl.RouteDsl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import static io.junction.core.model.Filter.Header.Op.ADD;
import static io.junction.core.model.Filter.Header.Op.REMOVE;
import static io.junction.core.model.Filter.Header.Op.SET;
import static io.junction.core.model.Filter.Header.Side.REQUEST;
import static io.junction.core.model.Filter.Header.Side.RESPONSE;

/** The spec object behind a {@code route} or {@code otherwise} block: exactly one action, filters, a policy. */
final class RouteBuilder implements RouteDsl {

    private final ConfigBuilder config;
    private final String word;
    private final SourceLocation location;
    private final SetOnce actionOnce;
    private final SetOnce timeoutsOnce;
    private final SetOnce maxBodyOnce;
    private final SetOnce retryOnce;
    private final List<Filter> filters = new ArrayList<>();
    private Action action;
    private PoolSpec.Timeouts timeouts = PoolSpec.Timeouts.DEFAULTS;
    private Long maxBody;
    private Duration total;
    private RouteRetry retry;

    /** @param word the word that opened the block, {@code route} or {@code otherwise} */
    RouteBuilder(ConfigBuilder config, String word, SourceLocation location) {
        this.config = config;
        this.word = word;
        this.location = location;
        this.actionOnce = new SetOnce(word + " takes exactly one action: forward, split, redirect, redirectToHttps or respond");
        this.timeoutsOnce = new SetOnce(word + " takes one timeouts");
        this.maxBodyOnce = new SetOnce(word + " takes one maxBody");
        this.retryOnce = new SetOnce(word + " takes one retry");
    }

    @Override
    public void forward(String pool) {
        action("forward", at -> new Action.Forward(pool, at));
    }

    @Override
    public void split(Map<String, ?> weights) {
        SourceLocation at = config.callSite(this, "split");
        if (!actionOnce.claim("split", at, config)) {
            return;
        }
        List<Optional<Action.Split.Share>> shares = new ArrayList<>();
        Optional<SplitKey> key = Optional.of(SplitKey.NONE);
        for (Map.Entry<String, ?> entry : new LinkedHashMap<String, Object>(weights == null ? Map.of() : weights).entrySet()) {
            String name = String.valueOf(entry.getKey());
            Object value = entry.getValue();
            if (name.equals("key")) {
                key = config.accepted(at, () -> SplitKey.parse(String.valueOf(value)));
            } else if (value instanceof Integer weight) {
                shares.add(config.accepted(at, () -> new Action.Split.Share(name, weight)));
            } else {
                config.problem(at, "split weight of '" + name + "': got " + value + ", expected a whole number, e.g. split 'api-canary': 5, 'api': 95");
                shares.add(Optional.empty());
            }
        }
        // a split with a refused part is reported once, for that part
        if (key.isPresent() && shares.stream().allMatch(Optional::isPresent)) {
            SplitKey chosen = key.get();
            action = config.accepted(at, () -> new Action.Split(shares.stream().map(Optional::get).toList(), chosen, at)).orElse(null);
        }
    }

    @Override
    public void redirect(Map<String, ?> options, int status) {
        SourceLocation at = config.callSite(this, "redirect");
        if (!actionOnce.claim("redirect", at, config)) {
            return;
        }
        NamedArgs args = NamedArgs.of(config, at, "redirect", options, "scheme", "host", "port", "path", "query");
        boolean keepQuery = !Boolean.FALSE.equals(args.flag("query"));
        int port = Optional.ofNullable(args.wholeNumber("port")).orElse(Action.Redirect.SCHEME_PORT);
        action = config.accepted(at, () -> new Action.Redirect(status, args.text("scheme"), args.text("host"),
                args.text("path"), keepQuery, port, at)).orElse(null);
    }

    @Override
    public void redirectToHttps() {
        redirectToHttps(Map.of());
    }

    @Override
    public void redirectToHttps(Map<String, ?> options) {
        action("redirectToHttps", at -> Action.Redirect.toHttps(Optional.ofNullable(
                NamedArgs.of(config, at, "redirectToHttps", options, "port").wholeNumber("port")).orElse(Action.Redirect.SCHEME_PORT), at));
    }

    @Override
    public void redirect(int status) {
        redirect(Map.of(), status);
    }

    @Override
    public void respond(int status, String body) {
        respond(Map.of(), status, body);
    }

    @Override
    public void respond(Map<String, ?> options, int status, String body) {
        SourceLocation at = config.callSite(this, "respond");
        if (!actionOnce.claim("respond", at, config)) {
            return;
        }
        NamedArgs args = NamedArgs.of(config, at, "respond", options, "headers");
        Map<String, String> headers = args.textMap("headers");
        action = config.accepted(at, () -> new Action.Respond(status, Objects.requireNonNullElse(body, ""), headers, at))
                .orElse(null);
    }

    @Override
    public void stripPrefix(String prefix) {
        filter("stripPrefix", () -> new Filter.StripPrefix(prefix));
    }

    @Override
    public void replacePrefix(String prefix, String replacement) {
        filter("replacePrefix", () -> new Filter.ReplacePrefix(prefix, replacement));
    }

    @Override
    public void rewritePath(String regex, String replacement) {
        filter("rewritePath", () -> new Filter.RegexReplace(regex, replacement));
    }

    @Override
    public void setRequestHeader(String name, String value) {
        filter("setRequestHeader", () -> new Filter.Header(REQUEST, SET, name, value));
    }

    @Override
    public void addRequestHeader(String name, String value) {
        filter("addRequestHeader", () -> new Filter.Header(REQUEST, ADD, name, value));
    }

    @Override
    public void removeRequestHeader(String name) {
        filter("removeRequestHeader", () -> new Filter.Header(REQUEST, REMOVE, name, null));
    }

    @Override
    public void setResponseHeader(String name, String value) {
        filter("setResponseHeader", () -> new Filter.Header(RESPONSE, SET, name, value));
    }

    @Override
    public void addResponseHeader(String name, String value) {
        filter("addResponseHeader", () -> new Filter.Header(RESPONSE, ADD, name, value));
    }

    @Override
    public void removeResponseHeader(String name) {
        filter("removeResponseHeader", () -> new Filter.Header(RESPONSE, REMOVE, name, null));
    }

    @Override
    public void timeouts(Map<String, ?> options) {
        SourceLocation at = config.callSite(this, "timeouts");
        if (timeoutsOnce.claim("timeouts", at, config)) {
            NamedArgs args = NamedArgs.of(config, at, "timeouts", options, "connect", "response", "total");
            Duration connect = args.duration("connect");
            Duration response = args.duration("response");
            timeouts = new PoolSpec.Timeouts(connect, response);
            total = args.duration("total");
        }
    }

    @Override
    public void retry(Map<String, ?> options) {
        SourceLocation at = config.callSite(this, "retry");
        if (!retryOnce.claim("retry", at, config)) {
            return;
        }
        NamedArgs args = NamedArgs.of(config, at, "retry", options, "tries", "on", "perTry", "resend");
        Integer tries = args.wholeNumber("tries");
        if (tries == null) {
            config.problem(at, "retry needs tries, e.g. retry tries: 2");
            return;
        }
        Set<RouteRetry.On> on = EnumSet.noneOf(RouteRetry.On.class);
        List<String> words = args.has("on") ? args.texts("on") : List.of("connect-failure", "reset");
        for (String name : words == null ? List.<String>of() : words) {
            RouteRetry.On.of(name).ifPresentOrElse(on::add, () -> config.problem(at,
                    "retry on: unknown failure '" + name + "'; expected one of " + RouteRetry.On.words()));
        }
        Duration perTry = args.duration("perTry");
        boolean resend = Boolean.TRUE.equals(args.flag("resend"));
        retry = config.accepted(at, () -> new RouteRetry(tries, on, perTry, resend)).orElse(null);
    }

    @Override
    public void maxBody(long bytes) {
        SourceLocation at = config.callSite(this, "maxBody");
        if (maxBodyOnce.claim("maxBody", at, config)) {
            maxBody = config.accepted(at, () -> new RoutePolicy(PoolSpec.Timeouts.DEFAULTS, null, bytes).maxRequestBody())
                    .orElse(null);
        }
    }

    /** The route, or empty after recording why there is none. */
    Optional<RouteSpec> build(List<Matcher> matchers) {
        if (!actionOnce.claimed()) {
            config.problem(location, word + " has no action: add forward 'pool', split, redirect or respond");
        }
        return Optional.ofNullable(action).map(chosen ->
                new RouteSpec(matchers, filters, chosen, new RoutePolicy(timeouts, null, maxBody, retry, total), location));
    }

    private void action(String name, Function<SourceLocation, Action> make) {
        SourceLocation at = config.callSite(this, name);
        if (actionOnce.claim(name, at, config)) {
            action = config.accepted(at, () -> make.apply(at)).orElse(null);
        }
    }

    private void filter(String name, Supplier<Filter> make) {
        SourceLocation at = config.callSite(this, name);
        config.accepted(at, make).ifPresent(filters::add);
    }
}
