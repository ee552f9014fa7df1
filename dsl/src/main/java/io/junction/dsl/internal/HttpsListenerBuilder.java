package io.junction.dsl.internal;

import io.junction.core.model.ForwardingSpec;
import io.junction.core.model.HttpListenerSpec;
import io.junction.core.model.ServerCertificate;
import io.junction.core.model.SourceLocation;
import io.junction.core.model.TlsSpec;
import io.junction.core.tls.CertificateFiles;
import io.junction.dsl.HttpsListenerDsl;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The spec object behind one {@code https('name', port: ...) { ... }} block: an http listener's routes plus TLS. */
final class HttpsListenerBuilder extends HttpListenerBuilder implements HttpsListenerDsl {

    /** The options of {@code https(...)} besides port and bind. */
    static final String[] OPTIONS = {"protocols", "ciphers", "h2", "hsts"};

    private final ConfigBuilder config;
    private final ConfigBuilder.ListenerHead head;
    private final Path confDir;
    private final List<ServerCertificate> certificates = new ArrayList<>();
    private boolean brokenCertificate;

    HttpsListenerBuilder(ConfigBuilder config, ConfigBuilder.ListenerHead head, Path confDir, ForwardingSpec forwarding) {
        super(config, head.name(), head.bind(), head.port(), head.at(), forwarding, AccessLogOption.read(config, head, "https"),
                LimitsOption.read(config, head, "https"));
        this.config = config;
        this.head = head;
        this.confDir = confDir;
    }

    @Override
    public void certificate(Map<String, ?> files) {
        SourceLocation at = config.callSite(this, "certificate");
        NamedArgs args = NamedArgs.of(config, at, "certificate", files, "cert", "key", "keystore", "password", "names");
        List<String> names = Optional.ofNullable(args.texts("names")).orElse(List.of());
        Optional<ServerCertificate> read = Optional.empty();
        if (args.has("keystore") && !args.has("cert") && !args.has("key")) {
            read = config.accepted(at, () -> CertificateFiles.keystore(confDir, args.text("keystore"), args.text("password"), names));
        } else if (args.has("cert") && args.has("key") && !args.has("keystore") && !args.has("password")) {
            read = config.accepted(at, () -> CertificateFiles.pem(confDir, args.text("cert"), args.text("key"), names));
        } else {
            config.problem(at, "a certificate is either cert: 'site.pem', key: 'site.key' or keystore: 'site.p12', password: '...'");
        }
        read.ifPresentOrElse(certificates::add, () -> brokenCertificate = true);
    }

    /** The listener, or empty after recording why there is none. */
    Optional<HttpListenerSpec> buildHttps() {
        NamedArgs args = head.args();
        TlsSpec.Builder tls = TlsSpec.builder();
        certificates.forEach(tls::certificate);
        Optional.ofNullable(args.texts("protocols")).ifPresent(tls::protocols);
        Optional.ofNullable(args.texts("ciphers")).ifPresent(tls::ciphers);
        Optional.ofNullable(args.flag("h2")).ifPresent(tls::h2);
        Duration hsts = args.duration("hsts");
        tls.hsts(hsts);
        if (brokenCertificate || (args.has("hsts") && hsts == null)) {
            return Optional.empty();
        }
        return config.accepted(head.at(), tls::build).map(this::build);
    }
}
