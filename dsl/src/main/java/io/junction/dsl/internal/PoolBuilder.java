package io.junction.dsl.internal;

import io.junction.core.model.AffinitySpec;
import io.junction.core.model.AllDownSpec;
import io.junction.core.model.BackendAddress;
import io.junction.core.model.BackendTls;
import io.junction.core.model.BackendMode;
import io.junction.core.model.BackendSpec;
import io.junction.core.model.ConnectionLimits;
import io.junction.core.model.EjectionSpec;
import io.junction.core.model.HealthSpec;
import io.junction.core.model.PoolSpec;
import io.junction.core.model.ProxyProtocol;
import io.junction.core.model.RetrySpec;
import io.junction.core.model.ServerCertificate;
import io.junction.core.model.SourceLocation;
import io.junction.core.tls.CertificateFiles;
import io.junction.dsl.PoolDsl;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The spec object behind one {@code pool('name') { ... }} block. */
final class PoolBuilder implements PoolDsl {

    /** The health options Junction reads itself; the others go to the check plugin. */
    private static final Set<String> HEALTH_OWN = Set.of("interval", "timeout", "fall", "rise", "initial");
    private static final String CLIENT_IP = "client-ip";

    private final ConfigBuilder config;
    private final Path confDir;
    private final SourceLocation location;
    private final SetOnce balanceOnce = new SetOnce("a pool takes one balance");
    private final SetOnce timeoutsOnce = new SetOnce("a pool takes one timeouts");
    private final SetOnce healthOnce = new SetOnce("a pool takes one health");
    private final SetOnce ejectOnce = new SetOnce("a pool takes one eject");
    private final SetOnce retriesOnce = new SetOnce("a pool takes one retries");
    private final SetOnce allDownOnce = new SetOnce("a pool takes one allDown");
    private final SetOnce limitsOnce = new SetOnce("a pool takes one maxConnections");
    private final SetOnce stickyOnce = new SetOnce("a pool takes one sticky");
    private final SetOnce sessionsOnce = new SetOnce("a pool takes one sessions");
    private final SetOnce proxyProtocolOnce = new SetOnce("a pool takes one proxyProtocol");
    private final SetOnce tlsOnce = new SetOnce("a pool takes one tls");
    private final List<BackendSpec> backends = new ArrayList<>();
    /** Holds every option that goes into the pool as written, over the model's own defaults. */
    private final PoolSpec.Builder pool;
    private AffinitySpec.Key stickyKey;
    private String store = AffinitySpec.DEFAULT_STORE;
    private Map<String, String> storeOptions = Map.of();
    private Duration storeTtl = AffinitySpec.DEFAULT_TTL;
    private SourceLocation sessionsAt;
    private SourceLocation proxyProtocolAt;
    private SourceLocation tlsAt;

    PoolBuilder(ConfigBuilder config, Path confDir, String name, SourceLocation location) {
        this.config = config;
        this.confDir = confDir;
        this.pool = PoolSpec.builder(name);
        this.location = location;
    }

    @Override
    public void balance(String strategy) {
        balance(Map.of(), strategy);
    }

    @Override
    public void balance(Map<String, ?> options, String strategy) {
        SourceLocation at = config.callSite(this, "balance");
        if (!balanceOnce.claim("balance", at, config)) {
            return;
        }
        if (strategy == null || strategy.isBlank()) {
            config.problem(at, "balance needs a strategy id, e.g. balance '" + PoolSpec.DEFAULT_STRATEGY + "'");
            return;
        }
        pool.strategy(strategy, NamedArgs.open(config, at, "balance", options).asText());
    }

    @Override
    public void backend(String uri) {
        backend(Map.of(), uri);
    }

    @Override
    public void backend(Map<String, ?> options, String uri) {
        SourceLocation at = config.callSite(this, "backend");
        NamedArgs args = NamedArgs.of(config, at, "backend", options, "weight", "state", "maxConnections");
        int written = Optional.ofNullable(args.wholeNumber("weight")).orElse(1);
        String modeText = Optional.ofNullable(args.text("state")).orElse(BackendMode.UP.text());
        Optional<Integer> weight = config.accepted(at, () -> BackendSpec.requireWeight(written));
        Optional<BackendMode> mode = config.accepted(at, () -> BackendMode.parse(modeText));
        int writtenMax = Optional.ofNullable(args.wholeNumber("maxConnections")).orElse(0);
        Optional<Integer> maxConnections = config.accepted(at, () -> ConnectionLimits.requireMaxConnections(writtenMax));
        Optional<BackendAddress> address = config.accepted(at, () -> BackendAddress.parse(uri));
        if (weight.isPresent() && mode.isPresent() && maxConnections.isPresent() && address.isPresent()) {
            backends.add(new BackendSpec(address.get(), weight.get(), mode.get(), maxConnections.get(), at));
        }
    }

    @Override
    public void timeouts(Map<String, ?> durations) {
        SourceLocation at = config.callSite(this, "timeouts");
        if (timeoutsOnce.claim("timeouts", at, config)) {
            NamedArgs args = NamedArgs.of(config, at, "timeouts", durations, "connect", "response");
            pool.timeouts(new PoolSpec.Timeouts(args.duration("connect"), args.duration("response")));
        }
    }

    @Override
    public void health(String check) {
        health(Map.of(), check);
    }

    @Override
    public void health(Map<String, ?> options, String check) {
        SourceLocation at = config.callSite(this, "health");
        if (!healthOnce.claim("health", at, config)) {
            return;
        }
        if (check == null || check.isBlank()) {
            config.problem(at, "health needs a check id, e.g. health 'http'");
            return;
        }
        NamedArgs args = NamedArgs.open(config, at, "health", options);
        var interval = Optional.ofNullable(args.duration("interval")).orElse(HealthSpec.DEFAULT_INTERVAL);
        var timeout = Optional.ofNullable(args.duration("timeout")).orElse(HealthSpec.DEFAULT_TIMEOUT);
        int fall = Optional.ofNullable(args.wholeNumber("fall")).orElse(HealthSpec.DEFAULT_FALL);
        int rise = Optional.ofNullable(args.wholeNumber("rise")).orElse(HealthSpec.DEFAULT_RISE);
        String initialText = Optional.ofNullable(args.text("initial")).orElse("up");
        Map<String, String> pluginOptions = args.asTextExcept(HEALTH_OWN);
        config.accepted(at, () -> new HealthSpec(check, pluginOptions, interval, timeout, fall, rise,
                HealthSpec.Initial.parse(initialText))).ifPresent(pool::health);
    }

    @Override
    public void eject(Map<String, ?> options) {
        SourceLocation at = config.callSite(this, "eject");
        if (!ejectOnce.claim("eject", at, config)) {
            return;
        }
        NamedArgs args = NamedArgs.of(config, at, "eject", options, "failures", "time", "maxTime", "maxPercent");
        EjectionSpec d = EjectionSpec.DEFAULTS;
        int failures = Optional.ofNullable(args.wholeNumber("failures")).orElse(d.failures());
        var time = Optional.ofNullable(args.duration("time")).orElse(d.baseTime());
        var maxTime = Optional.ofNullable(args.duration("maxTime")).orElse(d.maxTime().compareTo(time) < 0 ? time : d.maxTime());
        int maxPercent = Optional.ofNullable(args.wholeNumber("maxPercent")).orElse(d.maxPercent());
        config.accepted(at, () -> new EjectionSpec(failures, time, maxTime, maxPercent)).ifPresent(pool::ejection);
    }

    @Override
    public void retries(int retries) {
        retries(Map.of(), retries);
    }

    @Override
    public void retries(Map<String, ?> options, int count) {
        SourceLocation at = config.callSite(this, "retries");
        if (!retriesOnce.claim("retries", at, config)) {
            return;
        }
        NamedArgs args = NamedArgs.of(config, at, "retries", options, "time", "budget");
        var time = Optional.ofNullable(args.duration("time")).orElse(RetrySpec.NONE.time());
        int budget = Optional.ofNullable(args.wholeNumber("budget")).orElse(RetrySpec.NONE.budgetPercent());
        config.accepted(at, () -> new RetrySpec(count, time, budget)).ifPresent(pool::retries);
    }

    @Override
    public void proxyProtocol(String version) {
        SourceLocation at = config.callSite(this, "proxyProtocol");
        if (proxyProtocolOnce.claim("proxyProtocol", at, config)) {
            proxyProtocolAt = at;
            config.accepted(at, () -> ProxyProtocol.of(version)).ifPresent(pool::proxyProtocol);
        }
    }

    @Override
    public void tls(Map<String, ?> options) {
        SourceLocation at = config.callSite(this, "tls");
        if (!tlsOnce.claim("tls", at, config)) {
            return;
        }
        tlsAt = at;
        NamedArgs args = NamedArgs.of(config, at, "tls", options, "ca", "serverName", "cert", "key");
        if (args.has("cert") != args.has("key")) {
            config.problem(at, "tls takes cert: and key: together: the client certificate shown to backends that ask for one");
            return;
        }
        Optional<List<X509Certificate>> trusted = args.has("ca")
                ? config.accepted(at, () -> CertificateFiles.certificates(confDir, args.text("ca"))) : Optional.of(List.of());
        Optional<Optional<ServerCertificate>> client = args.has("cert")
                ? config.accepted(at, () -> CertificateFiles.clientPem(confDir, args.text("cert"), args.text("key"))).map(Optional::of)
                : Optional.of(Optional.empty());
        if (trusted.isPresent() && client.isPresent()) {
            config.accepted(at, () -> new BackendTls(trusted.get(), args.text("serverName"), client.get().orElse(null)))
                    .ifPresent(pool::tls);
        }
    }

    @Override
    public void allDown(Map<String, ?> options) {
        SourceLocation at = config.callSite(this, "allDown");
        if (allDownOnce.claim("allDown", at, config)) {
            NamedArgs args = NamedArgs.of(config, at, "allDown", options, "panic", "retryAfter");
            boolean panic = Optional.ofNullable(args.flag("panic")).orElse(false);
            var retryAfter = Optional.ofNullable(args.duration("retryAfter")).orElse(AllDownSpec.DEFAULTS.retryAfter());
            pool.allDown(new AllDownSpec(panic, retryAfter));
        }
    }

    @Override
    public void maxConnections(int maxConnections) {
        maxConnections(Map.of(), maxConnections);
    }

    @Override
    public void maxConnections(Map<String, ?> options, int maxConnections) {
        SourceLocation at = config.callSite(this, "maxConnections");
        if (!limitsOnce.claim("maxConnections", at, config)) {
            return;
        }
        NamedArgs args = NamedArgs.of(config, at, "maxConnections", options, "queue", "queueTimeout");
        ConnectionLimits d = ConnectionLimits.DEFAULTS;
        int queue = Optional.ofNullable(args.wholeNumber("queue")).orElse(d.queue());
        var queueTimeout = Optional.ofNullable(args.duration("queueTimeout")).orElse(d.queueTimeout());
        config.accepted(at, () -> new ConnectionLimits(maxConnections, queue, queueTimeout)).ifPresent(pool::limits);
    }

    @Override
    public void sticky(Map<String, ?> options) {
        SourceLocation at = config.callSite(this, "sticky");
        if (!stickyOnce.claim("sticky", at, config)) {
            return;
        }
        NamedArgs args = NamedArgs.of(config, at, "sticky", options,
                "cookie", "learn", "maxAge", "secure", "httpOnly", "sameSite", "path", "domain");
        String cookie = args.text("cookie");
        String learn = args.text("learn");
        if ((cookie == null) == (learn == null)) {
            config.problem(at, "sticky takes either cookie: 'NAME' (Junction inserts it) or learn: 'NAME' (the application's), "
                    + "or 'client-ip'");
            return;
        }
        if (learn != null) {
            if (options.size() > 1) {
                config.problem(at, "sticky learn: takes no cookie attributes; the application sets its own");
                return;
            }
            config.accepted(at, () -> new AffinitySpec.LearnCookie(learn)).ifPresent(key -> stickyKey = key);
            return;
        }
        Duration maxAge = args.duration("maxAge");
        boolean secure = Optional.ofNullable(args.flag("secure")).orElse(false);
        boolean httpOnly = Optional.ofNullable(args.flag("httpOnly")).orElse(false);
        String path = Optional.ofNullable(args.text("path")).orElse("/");
        config.accepted(at, () -> new AffinitySpec.InsertCookie(cookie, maxAge, secure, httpOnly, args.text("sameSite"),
                path, args.text("domain"))).ifPresent(key -> stickyKey = key);
    }

    @Override
    public void sticky(String key) {
        sticky(Map.of(), key);
    }

    @Override
    public void sticky(Map<String, ?> options, String key) {
        SourceLocation at = config.callSite(this, "sticky");
        if (!stickyOnce.claim("sticky", at, config)) {
            return;
        }
        if (!CLIENT_IP.equals(key)) {
            config.problem(at, "sticky '" + key + "': expected 'client-ip', cookie: 'NAME' or learn: 'NAME'");
            return;
        }
        NamedArgs args = NamedArgs.of(config, at, "sticky", options, "ipv4", "ipv6");
        int ipv4 = Optional.ofNullable(args.wholeNumber("ipv4")).orElse(AffinitySpec.ClientIp.WHOLE_ADDRESS.ipv4Prefix());
        int ipv6 = Optional.ofNullable(args.wholeNumber("ipv6")).orElse(AffinitySpec.ClientIp.WHOLE_ADDRESS.ipv6Prefix());
        config.accepted(at, () -> new AffinitySpec.ClientIp(ipv4, ipv6)).ifPresent(spec -> stickyKey = spec);
    }

    @Override
    public void sessions(String store) {
        sessions(Map.of(), store);
    }

    @Override
    public void sessions(Map<String, ?> options, String store) {
        SourceLocation at = config.callSite(this, "sessions");
        if (!sessionsOnce.claim("sessions", at, config)) {
            return;
        }
        if (store == null || store.isBlank()) {
            config.problem(at, "sessions needs a store id, e.g. sessions '" + AffinitySpec.DEFAULT_STORE + "'");
            return;
        }
        NamedArgs args = NamedArgs.open(config, at, "sessions", options);
        sessionsAt = at;
        this.store = store;
        this.storeTtl = Optional.ofNullable(args.duration("ttl")).orElse(AffinitySpec.DEFAULT_TTL);
        this.storeOptions = args.asTextExcept(Set.of("ttl"));
    }

    /** The pool, or empty after reporting why there is none (at its proxyProtocol or tls, the words checked here). */
    Optional<PoolSpec> build() {
        if (stickyKey == null && sessionsAt != null) {
            config.problem(sessionsAt, "sessions without sticky: say how clients stick, e.g. sticky cookie: 'JUNCTION'");
        }
        AffinitySpec affinity = stickyKey == null ? null
                : config.accepted(sessionsAt != null ? sessionsAt : location,
                        () -> new AffinitySpec(stickyKey, store, storeOptions, storeTtl)).orElse(null);
        SourceLocation optionAt = proxyProtocolAt != null ? proxyProtocolAt : tlsAt != null ? tlsAt : location;
        return config.accepted(optionAt, () -> pool.backends(backends).affinity(affinity).location(location).build());
    }
}
