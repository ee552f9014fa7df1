package io.junction.dsl.internal;

import groovy.lang.Closure;
import io.junction.core.model.Action;
import io.junction.core.model.AddressRange;
import io.junction.core.model.Matcher;
import io.junction.core.model.ProxyProtocol;
import io.junction.core.model.RoutePolicy;
import io.junction.core.model.RouteSpec;
import io.junction.core.model.SourceLocation;
import io.junction.core.model.TcpListenerSpec;
import io.junction.dsl.TcpListenerDsl;
import io.junction.dsl.TcpRouteDsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The spec object behind one {@code tcp('name', port: ...) { ... }} block. */
final class TcpListenerBuilder implements TcpListenerDsl {

    private final ConfigBuilder config;
    private final ConfigBuilder.ListenerHead head;
    private final TcpListenerSpec.Limits limits;
    /** Null when the script wrote a version that does not exist (already reported). */
    private final ProxyProtocol proxyProtocol;
    /** Null when the script wrote a range that is not one (already reported). */
    private final List<AddressRange> acceptProxyFrom;
    private final ForwardOnce forward = new ForwardOnce("a tcp listener forwards to one pool");
    private final List<RouteSpec> routes = new ArrayList<>();
    private boolean brokenRoute;

    TcpListenerBuilder(ConfigBuilder config, ConfigBuilder.ListenerHead head, TcpListenerSpec.Limits limits,
                       ProxyProtocol proxyProtocol, List<AddressRange> acceptProxyFrom) {
        this.config = config;
        this.head = head;
        this.limits = limits;
        this.proxyProtocol = proxyProtocol;
        this.acceptProxyFrom = acceptProxyFrom;
    }

    @Override
    public void forward(String pool) {
        forward.forward(config, config.callSite(this, "forward"), pool);
    }

    @Override
    public void route(Map<String, ?> match, Closure<?> body) {
        SourceLocation at = config.callSite(this, "route");
        NamedArgs args = NamedArgs.of(config, at, "route", match, "sni");
        if (!args.has("sni")) {
            config.problem(at, "a tcp route needs the server name, e.g. route(sni: 'db.example.com') { forward 'db' }");
        }
        Optional<Matcher> serverName = Optional.ofNullable(args.text("sni"))
                .flatMap(name -> config.accepted(at, () -> new Matcher.Host(name)));
        TcpRouteBuilder route = new TcpRouteBuilder(config, at);
        config.runBlock(route, TcpRouteDsl.class, "a tcp route block", body);
        Optional<Action.Forward> target = route.forward();
        if (serverName.isPresent() && target.isPresent()) {
            routes.add(new RouteSpec(List.of(serverName.get()), List.of(), target.get(), RoutePolicy.DEFAULTS, at));
        } else {
            brokenRoute = true;
        }
    }

    /** The listener, or empty after recording why there is none. */
    Optional<TcpListenerSpec> build() {
        boolean reported = brokenRoute || (forward.claimed() && forward.get().isEmpty());
        if (reported || limits == null || proxyProtocol == null || acceptProxyFrom == null) {
            return Optional.empty();
        }
        return config.accepted(head.at(), () -> new TcpListenerSpec(head.name(), head.bind(), head.port(), routes,
                forward.get().orElse(null), limits, proxyProtocol, acceptProxyFrom, head.at()));
    }
}
