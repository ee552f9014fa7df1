package io.junction.plugins.health;

import io.junction.api.HealthCheck;
import io.junction.api.Options;
import io.junction.api.Probe;
import io.junction.api.ProbeResult;
import io.junction.api.Target;
import org.pf4j.Extension;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code http}: sends one HTTP/1.1 request ({@code Connection: close}) and passes when the status is in
 * {@code status} (default 200-399) and the body contains {@code contains} and matches {@code regex}, when given.
 * Options: method (GET), path (/), host (the backend's host:port), status, contains, regex, and
 * {@code header.NAME: value} for extra request headers. An https:// backend is spoken to over TLS, verified as
 * proxying verifies it (the pool's {@code tls}).
 */
@Extension
public final class HttpCheck implements HealthCheck {

    public static final String ID = "http";
    private static final Set<String> OPTIONS = Set.of("method", "path", "host", "status", "contains", "regex");
    private static final String HEADER = "header.";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Probe create(Options options) {
        CheckOptions.requireKnown(ID, options, OPTIONS, HEADER);
        String method = options.get("method", "GET");
        String path = options.get("path", "/");
        if (!method.matches("[A-Z]+")) {
            throw new IllegalArgumentException("option 'method': '" + method + "' is not an HTTP method such as GET or HEAD");
        }
        if (!path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException("option 'path': '" + path + "' must start with '/' and contain no spaces");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        options.keys().stream().filter(key -> key.startsWith(HEADER)).sorted()
                .forEach(key -> headers.put(key.substring(HEADER.length()), options.get(key, "")));
        return new HttpProbe(method, path, options.get("host", null), headers,
                StatusRanges.parse(options.get("status", "200-399")), options.get("contains", null), regex(options.get("regex", null)));
    }

    private static Pattern regex(String text) {
        try {
            return text == null ? null : Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("option 'regex': " + e.getDescription() + " in '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return ID;
    }

    private record HttpProbe(String method, String path, String host, Map<String, String> headers, StatusRanges status,
                             String contains, Pattern regex) implements Probe {

        @Override
        public CompletionStage<ProbeResult> probe(Target target) {
            boolean needsBody = contains != null || regex != null;
            Predicate<byte[]> complete = bytes -> isComplete(bytes, needsBody);
            return (target.tls() != null ? TlsExchange.run(target, request(target), complete)
                    : SocketExchange.run(target, request(target), complete))
                    .thenApply(bytes -> judge(HttpAnswer.of(bytes, true)));
        }

        private static boolean isComplete(byte[] bytes, boolean needsBody) {
            HttpAnswer answer = HttpAnswer.of(bytes, false);
            return answer != null && (!needsBody || answer.complete());
        }

        private byte[] request(Target target) {
            StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(host != null ? host : target.host() + ":" + target.port()).append("\r\n")
                    .append("User-Agent: junction-health\r\nConnection: close\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        }

        private ProbeResult judge(HttpAnswer answer) {
            if (answer == null) {
                return ProbeResult.failed("no complete response head");
            }
            if (!status.contains(answer.status())) {
                return ProbeResult.failed("status " + answer.status() + ", expected " + status);
            }
            if (contains != null && !answer.body().contains(contains)) {
                return ProbeResult.failed("status " + answer.status() + ", body does not contain '" + contains + "'");
            }
            if (regex != null && !regex.matcher(answer.body()).find()) {
                return ProbeResult.failed("status " + answer.status() + ", body does not match /" + regex + "/");
            }
            return ProbeResult.passed("status " + answer.status());
        }
    }
}
