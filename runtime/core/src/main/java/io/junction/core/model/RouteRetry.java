package io.junction.core.model;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A route's own retry policy, replacing its pool's {@link RetrySpec} for this route's requests: at most {@code tries}
 * backends per request, moving on only for the failures in {@code on}, each try bounded by {@code perTry} (null:
 * the response timeout). A request that was sent is resent only when its method is idempotent, or when
 * {@code resend} says a non-idempotent one may be; nothing is resent once response bytes reached the client.
 */
public record RouteRetry(int tries, Set<On> on, Duration perTry, boolean resend) {

    /**
     * The failures a try may be retried after, by the word the DSL uses: a refused or timed-out connect, a backend
     * that broke before answering, a try above its per-try timeout, and the gateway answers 502, 503 and 504.
     */
    public enum On {
        CONNECT_FAILURE("connect-failure"), RESET("reset"), TIMEOUT("timeout"),
        ANSWER_502("502"), ANSWER_503("503"), ANSWER_504("504");

        private final String word;

        On(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }

        public static Optional<On> of(String word) {
            return Arrays.stream(values()).filter(on -> on.word.equals(word)).findFirst();
        }

        /** The failure a backend's answer with this status is, if any. */
        public static Optional<On> answer(int status) {
            return status >= 502 && status <= 504 ? of(Integer.toString(status)) : Optional.empty();
        }

        public static String words() {
            return Arrays.stream(values()).map(On::word).collect(Collectors.joining(", "));
        }
    }

    public RouteRetry {
        Objects.requireNonNull(on, "on");
        on = on.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(on));
        if (tries < 1) {
            throw new InvalidSpecException("retry tries: got " + tries + ", expected 1 or more (1 = no retry)");
        }
        if (perTry != null && (perTry.isZero() || perTry.isNegative())) {
            throw new InvalidSpecException("retry perTry: got " + perTry + ", expected a duration above 0");
        }
    }

    /**
     * Whether a try may be retried after a backend's answer (502, 503, 504) or its per-try timeout: the failures an
     * engine has to cut a try short for (only then does it watch answers).
     */
    public boolean retriesAnswersOrTimeouts() {
        return on.contains(On.TIMEOUT) || on.contains(On.ANSWER_502) || on.contains(On.ANSWER_503)
                || on.contains(On.ANSWER_504);
    }

    /** Whether a request that was already sent with this method may be sent to another backend. */
    public boolean resends(String method) {
        return resend || RetrySpec.idempotent(method);
    }
}
