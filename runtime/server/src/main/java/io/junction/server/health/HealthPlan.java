package io.junction.server.health;

import io.junction.api.HealthCheck;
import io.junction.api.Options;
import io.junction.api.Probe;
import io.junction.core.check.ConfigException;
import io.junction.core.check.ConfigProblem;
import io.junction.core.model.BackendSpec;
import io.junction.core.model.Config;
import io.junction.core.model.HealthSpec;
import io.junction.core.model.PoolSpec;
import io.junction.server.plugins.ExtensionCatalog;
import io.junction.server.tls.BackendTlsContext;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The active checks one configuration asks for, by backend id, each with the probe its pool's check plugin
 * created. A backend that several pools check is checked once, by the first of those pools in the configuration.
 * Built before a generation is swapped in, so a check that refuses its options refuses the configuration.
 */
public final class HealthPlan {

    /** One backend's check. */
    /** @param tls for an https:// backend, the TLS client proxying uses for it (the pool's tls); null otherwise */
    record Planned(String backendId, URI uri, HealthSpec spec, Probe probe, SSLContext tls) {
    }

    private final Map<String, Planned> byBackend;

    private HealthPlan(Map<String, Planned> byBackend) {
        this.byBackend = Map.copyOf(byBackend);
    }

    /** @throws ConfigException at the pool's file:line when a check plugin refuses the pool's options */
    public static HealthPlan of(Config config, ExtensionCatalog catalog) throws ConfigException {
        Map<String, Planned> byBackend = new LinkedHashMap<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (PoolSpec pool : config.pools().values()) {
            HealthSpec spec = pool.health();
            if (spec == null) {
                continue;
            }
            Probe probe;
            try {
                probe = catalog.get(HealthCheck.class, spec.check()).create(Options.of(spec.options()));
            } catch (RuntimeException e) {
                problems.add(new ConfigProblem(pool.location(), "pool '" + pool.name() + "': health check '"
                        + spec.check() + "' refused its options: " + e.getMessage()));
                continue;
            }
            for (BackendSpec backend : pool.backends()) {
                byBackend.computeIfAbsent(backend.id(), id -> new Planned(id, backend.uri(), spec, probe, tls(pool, backend)));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new HealthPlan(byBackend);
    }

    private static SSLContext tls(PoolSpec pool, BackendSpec backend) {
        return "https".equals(backend.uri().getScheme())
                ? BackendTlsContext.create(pool.tls(), backend.id(), backend.uri().getHost()) : null;
    }

    Map<String, Planned> byBackend() {
        return byBackend;
    }
}
