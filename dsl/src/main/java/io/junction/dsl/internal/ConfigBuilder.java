package io.junction.dsl.internal;

import groovy.lang.Closure;
import groovy.lang.MissingMethodException;
import groovy.lang.MissingPropertyException;
import io.junction.core.check.ConfigProblem;
import io.junction.core.model.AddressRange;
import io.junction.core.model.Config;
import io.junction.core.model.ForwardingSpec;
import io.junction.core.model.InvalidSpecException;
import io.junction.core.model.ListenerSpec;
import io.junction.core.model.PoolSpec;
import io.junction.core.model.ProxyProtocol;
import io.junction.core.model.SourceLocation;
import io.junction.core.model.TcpListenerSpec;
import io.junction.dsl.HttpListenerDsl;
import io.junction.dsl.HttpsListenerDsl;
import io.junction.dsl.JunctionScript;
import io.junction.dsl.PoolDsl;
import io.junction.dsl.TcpListenerDsl;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Builds one {@link Config} from every script of a compilation. All files share it, which is what
 * makes a pool declared in one file usable from another. It also runs the blocks, so it always
 * knows which block a word was written in, and it collects every problem instead of stopping at
 * the first.
 */
final class ConfigBuilder {

    private final Map<String, PoolSpec> pools = new LinkedHashMap<>();
    private final Map<String, ListenerSpec> listeners = new LinkedHashMap<>();
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Deque<Block> blocks = new ArrayDeque<>();
    /** Where the files a script names (certificates, keys) are read from: conf.d. */
    private final Path confDir;
    private ScriptFile file;

    ConfigBuilder(Path confDir) {
        this.confDir = confDir;
    }

    /** Runs one script; a failure ends that script only, so later files still report their problems. */
    void run(ScriptFile script, JunctionBaseScript instance) {
        file = script;
        instance.buildInto(this);
        try {
            run(new Block(instance, JunctionScript.class, "the top level of a script"), instance::run);
        } catch (DslException e) {
            problems.add(e.problem());
        } catch (Exception e) {
            // Groovy appends "possible solutions" on further lines; the first line says what failed
            problem(script.failureSite(e, missingName(e)), "script failed: " + e.toString().lines().findFirst().orElse(""));
        }
    }

    void pool(JunctionBaseScript script, String name, Closure<?> body) {
        SourceLocation at = callSite(script, "pool");
        boolean fresh = isNewName("pool", name, at, Optional.ofNullable(pools.get(name)).map(PoolSpec::location));
        PoolBuilder pool = new PoolBuilder(this, confDir, name, at);
        runBlock(pool, PoolDsl.class, "a pool block", body);
        if (fresh) {
            pool.build().ifPresent(spec -> pools.put(name, spec));
        }
    }

    void http(JunctionBaseScript script, Map<String, ?> options, String name, Closure<?> body) {
        String[] allowed = Stream.concat(Stream.of(HTTP_OPTIONS), Stream.of("h2c")).toArray(String[]::new);
        ListenerHead head = listenerHead(script, "http", name, options, allowed);
        ForwardingSpec forwarding = forwarding("http", head);
        HttpListenerBuilder listener = new HttpListenerBuilder(this, name, head.bind(), head.port(), head.at(), forwarding,
                AccessLogOption.read(this, head, "http"), LimitsOption.read(this, head, "http"));
        runBlock(listener, HttpListenerDsl.class, "an http block", body);
        if (head.usable() && forwarding != null) {
            listeners.put(name, listener.build(Boolean.TRUE.equals(head.args().flag("h2c"))));
        }
    }

    void https(JunctionBaseScript script, Map<String, ?> options, String name, Closure<?> body) {
        String[] allowed = Stream.concat(Stream.of(HttpsListenerBuilder.OPTIONS), Stream.of(HTTP_OPTIONS)).toArray(String[]::new);
        ListenerHead head = listenerHead(script, "https", name, options, allowed);
        ForwardingSpec forwarding = forwarding("https", head);
        HttpsListenerBuilder listener = new HttpsListenerBuilder(this, head, confDir, forwarding);
        runBlock(listener, HttpsListenerDsl.class, "an https block", body);
        listener.buildHttps().filter(spec -> head.usable() && forwarding != null).ifPresent(spec -> listeners.put(name, spec));
    }

    void tcp(JunctionBaseScript script, Map<String, ?> options, String name, Closure<?> body) {
        ListenerHead head = listenerHead(script, "tcp", name, options, "idleTimeout", "maxConnections", "proxyProtocol",
                "acceptProxyFrom");
        Duration idle = head.args().duration("idleTimeout");
        Integer max = head.args().wholeNumber("maxConnections");
        TcpListenerSpec.Limits defaults = TcpListenerSpec.Limits.DEFAULTS;
        TcpListenerSpec.Limits limits = accepted(head.at(), () -> new TcpListenerSpec.Limits(
                idle != null ? idle : defaults.idleTimeout(), max != null ? max : defaults.maxConnections())).orElse(null);
        String version = head.args().text("proxyProtocol");
        ProxyProtocol proxyProtocol = version == null ? ProxyProtocol.NONE
                : accepted(head.at(), () -> ProxyProtocol.of(version)).orElse(null);
        TcpListenerBuilder listener = new TcpListenerBuilder(this, head, limits, proxyProtocol,
                trustedRanges(head.at(), "tcp acceptProxyFrom", head.args().texts("acceptProxyFrom")));
        runBlock(listener, TcpListenerDsl.class, "a tcp block", body);
        listener.build().filter(spec -> head.usable()).ifPresent(spec -> listeners.put(name, spec));
    }

    /** An http or https listener's forwarding options; null when one is wrong (reported). */
    private ForwardingSpec forwarding(String word, ListenerHead head) {
        List<AddressRange> trusted = trustedRanges(head.at(), word + " trustedProxies", head.args().texts("trustedProxies"));
        Boolean forwarded = head.args().flag("forwarded");
        Boolean rawPath = head.args().flag("rawPath");
        if (trusted == null || head.args().has("forwarded") && forwarded == null || head.args().has("rawPath") && rawPath == null) {
            return null;
        }
        return new ForwardingSpec(trusted, Boolean.TRUE.equals(forwarded), Boolean.TRUE.equals(rawPath));
    }

    /** Address ranges a listener trusts (PROXY headers, X-Forwarded-For); null when one is wrong (reported). */
    private List<AddressRange> trustedRanges(SourceLocation at, String option, List<String> texts) {
        List<AddressRange> ranges = new ArrayList<>();
        boolean wrong = false;
        for (String text : texts == null ? List.<String>of() : texts) {
            try {
                ranges.add(AddressRange.parse(text));
            } catch (InvalidSpecException e) {
                problem(at, option + ": " + e.getMessage());
                wrong = true;
            }
        }
        return wrong ? null : ranges;
    }

    /** The options {@code http(...)} and {@code https(...)} share: what the backend receives, the access log, the limits. */
    private static final String[] HTTP_OPTIONS = {"trustedProxies", "forwarded", "rawPath", AccessLogOption.NAME, LimitsOption.NAME};

    record ListenerHead(SourceLocation at, String name, String bind, int port, boolean usable, NamedArgs args) {
    }

    /** Reads what every listener kind has ({@code port}, {@code bind}) plus the kind's own options. */
    private ListenerHead listenerHead(JunctionBaseScript script, String word, String name, Map<String, ?> options,
                                      String... kindOptions) {
        SourceLocation at = callSite(script, word);
        boolean fresh = isNewName("listener", name, at,
                Optional.ofNullable(listeners.get(name)).map(ListenerSpec::location));
        List<String> allowed = new ArrayList<>(List.of("port", "bind"));
        allowed.addAll(List.of(kindOptions));
        NamedArgs args = NamedArgs.of(this, at, word, options, allowed.toArray(String[]::new));
        Optional<Integer> port = Optional.ofNullable(args.wholeNumber("port"))
                .flatMap(number -> accepted(at, () -> ListenerSpec.requirePort(name, number)));
        String bind = Optional.ofNullable(args.text("bind")).orElse(ListenerSpec.DEFAULT_BIND_ADDRESS);
        if (!args.has("port")) {
            problem(at, word + " '" + name + "' needs a port, e.g. " + word + "('" + name + "', port: 8080)");
        }
        return new ListenerHead(at, name, bind, port.orElse(0), fresh && port.isPresent(), args);
    }

    /**
     * Where the script called {@code word} on {@code spec}. Groovy resolves a word through the
     * enclosing blocks too, so a word of an outer block (a {@code route} inside a route) is refused
     * here rather than silently changing the outer spec.
     */
    SourceLocation callSite(Object spec, String word) {
        SourceLocation at = file.callSite(word);
        Block current = blocks.element();
        if (current.spec() != spec) {
            throw new DslException(at, "'" + word + "' is not allowed in " + current.description()
                    + "; allowed here: " + current.words());
        }
        return at;
    }

    /** Runs {@code body} with a fresh spec object as its delegate, as every DSL block does. */
    void runBlock(Object spec, Class<?> dsl, String description, Closure<?> body) {
        Closure<?> closure = (Closure<?>) body.clone();
        closure.setDelegate(spec);
        closure.setResolveStrategy(Closure.DELEGATE_FIRST);
        run(new Block(spec, dsl, description), closure::call);
    }

    /**
     * A value as the model accepts it, or empty after recording at {@code at} why the model refused
     * it: the model owns the rules about single values, the DSL only knows where they were written.
     */
    <T> Optional<T> accepted(SourceLocation at, Supplier<T> value) {
        try {
            return Optional.of(value.get());
        } catch (InvalidSpecException e) {
            problem(at, e.getMessage());
            return Optional.empty();
        }
    }

    void problem(SourceLocation at, String message) {
        problems.add(new ConfigProblem(at, message));
    }

    List<ConfigProblem> problems() {
        return problems;
    }

    Config config() {
        return new Config(List.copyOf(listeners.values()), pools);
    }

    private void run(Block block, Runnable body) {
        blocks.push(block);
        try {
            body.run();
        } catch (MissingMethodException | MissingPropertyException e) {
            Optional<DslException> explained = block.explain(e, file);
            if (explained.isPresent()) {
                throw explained.get();
            }
            throw e;
        } finally {
            blocks.pop();
        }
    }

    /** The name a Groovy "no such method/property" is about, so its column can be found. */
    private static String missingName(Exception failure) {
        if (failure instanceof MissingMethodException missing) {
            return missing.getMethod();
        }
        return failure instanceof MissingPropertyException missing ? missing.getProperty() : null;
    }

    private boolean isNewName(String kind, String name, SourceLocation at, Optional<SourceLocation> earlier) {
        if (name == null || name.isBlank()) {
            problem(at, kind + " name must not be blank");
            return false;
        }
        earlier.ifPresent(first -> problem(at, kind + " '" + name + "' is already declared at " + first));
        return earlier.isEmpty();
    }
}
