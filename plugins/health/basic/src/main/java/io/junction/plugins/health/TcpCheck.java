package io.junction.plugins.health;

import io.junction.api.HealthCheck;
import io.junction.api.Options;
import io.junction.api.Probe;
import io.junction.api.ProbeResult;
import io.junction.api.Target;
import org.pf4j.Extension;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * {@code tcp}: passes when a connection is accepted; with {@code send}, writes that text once connected; with
 * {@code expect}, passes only when the answer contains that text before the timeout. {@code \r} and {@code \n}
 * in the texts stand for CR and LF.
 */
@Extension
public final class TcpCheck implements HealthCheck {

    public static final String ID = "tcp";
    private static final Set<String> OPTIONS = Set.of("send", "expect");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Probe create(Options options) {
        CheckOptions.requireKnown(ID, options, OPTIONS);
        String send = unescape(options.get("send", ""));
        String expect = options.get("expect", null);
        return new TcpProbe(send.getBytes(StandardCharsets.ISO_8859_1), expect == null ? null : unescape(expect));
    }

    private static String unescape(String text) {
        return text.replace("\\r", "\r").replace("\\n", "\n");
    }

    @Override
    public String toString() {
        return ID;
    }

    private record TcpProbe(byte[] send, String expect) implements Probe {

        @Override
        public CompletionStage<ProbeResult> probe(Target target) {
            if (expect == null) {
                return SocketExchange.run(target, send, null)
                        .thenApply(bytes -> ProbeResult.passed(send.length == 0 ? "connected" : "connected, sent"));
            }
            return SocketExchange.run(target, send, this::expected).thenApply(this::judge);
        }

        private boolean expected(byte[] bytes) {
            return new String(bytes, StandardCharsets.ISO_8859_1).contains(expect);
        }

        private ProbeResult judge(byte[] answer) {
            return expected(answer) ? ProbeResult.passed("answer contains '" + expect.strip() + "'")
                    : ProbeResult.failed("answer does not contain '" + expect.strip() + "'");
        }
    }
}
