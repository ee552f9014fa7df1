package io.junction.server.admin;

import io.junction.core.model.BackendMode;
import io.junction.core.model.BackendSpec;
import io.junction.core.model.PoolSpec;
import io.junction.core.pool.BackendState;
import io.junction.server.JunctionServer;

import java.util.Locale;
import java.util.Optional;

/**
 * Backend states through the running server: {@code drain}, {@code maint} and {@code up} set the operator's
 * mode over the scripts' ({@link JunctionServer#backendMode}), which outlives reloads while the backend is named.
 * The state shown is that mode, else what health checks and passive ejection say.
 */
public final class ServerBackendControl implements BackendControl {

    private final JunctionServer server;

    public ServerBackendControl(JunctionServer server) {
        this.server = server;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public String state(String pool, String backend) {
        return find(pool, backend).map(this::describe).orElse(null);
    }

    @Override
    public String change(String pool, String backend, BackendCommand command) {
        BackendSpec spec = find(pool, backend).orElseThrow(() ->
                new IllegalArgumentException("pool '" + pool + "' has no backend '" + backend + "'"));
        server.backendMode(spec.id(), BackendMode.valueOf(command.name()));
        return describe(spec);
    }

    /** @param backend {@code host:port} as the status API lists it */
    private Optional<BackendSpec> find(String pool, String backend) {
        JunctionServer.Status status = server.status();
        PoolSpec spec = status == null ? null : status.config().pools().get(pool);
        if (spec == null) {
            return Optional.empty();
        }
        String wanted = backend.toLowerCase(Locale.ROOT);
        return spec.backends().stream()
                .filter(candidate -> MetricLabels.backend(candidate).toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst();
    }

    private String describe(BackendSpec spec) {
        Optional<BackendState> state = server.backend(spec.id());
        BackendMode mode = state.map(BackendState::modeOverride).orElse(null);
        switch (mode != null ? mode : spec.mode()) {
            case MAINT:
                return "maint";
            case DRAIN:
                return "draining";
            default:
                break;
        }
        if (state.isPresent() && !state.get().health().up()) {
            return "down";
        }
        if (state.isPresent() && state.get().ejection().ejected(System.nanoTime())) {
            return "ejected";
        }
        return "up";
    }
}
