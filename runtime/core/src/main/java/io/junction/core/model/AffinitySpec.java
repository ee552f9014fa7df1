package io.junction.core.model;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A sticky pool: what identifies a client ({@link Key}) and where its pin to a backend is kept (a session store
 * plugin by id, its options, and how long a pin lives without being used).
 *
 * @param store        the session store's plugin id, {@code memory} unless the script says otherwise
 * @param storeOptions options handed to the store plugin (all but {@code ttl}); its {@code timeout} also bounds every
 *                     lookup, whatever the store does with it (see {@link #lookupTimeout()})
 * @param ttl          how long a pin is kept in the store
 */
public record AffinitySpec(Key key, String store, Map<String, String> storeOptions, Duration ttl) {

    public static final String DEFAULT_STORE = "memory";
    public static final Duration DEFAULT_TTL = Duration.ofHours(1);
    /** How long a request waits for its pin when the store's options set no {@code timeout}. */
    public static final Duration DEFAULT_LOOKUP_TIMEOUT = Duration.ofSeconds(1);
    /** Cookie names and values Junction writes: an RFC 6265 token. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");
    /** Path and Domain attribute values: no separators that would end or split the attribute. */
    private static final Pattern ATTRIBUTE = Pattern.compile("[^;,\\s\\p{Cntrl}]+");

    public AffinitySpec {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(store, "store");
        storeOptions = Map.copyOf(storeOptions);
        if (ttl.isZero() || ttl.isNegative()) {
            throw new InvalidSpecException("sessions ttl must be longer than 0");
        }
        lookupTimeout(storeOptions);
    }

    /**
     * How long a request waits for the store to find its pin before it is served without one (counted as a store
     * failure): a third-party store's lookup that never completes must not hold the request.
     */
    public Duration lookupTimeout() {
        return lookupTimeout(storeOptions);
    }

    private static Duration lookupTimeout(Map<String, String> storeOptions) {
        String text = storeOptions.get("timeout");
        if (text == null) {
            return DEFAULT_LOOKUP_TIMEOUT;
        }
        Duration timeout = Durations.parse(text).orElse(Duration.ZERO);
        if (timeout.isZero()) {
            throw new InvalidSpecException("sessions timeout must be a duration above 0 such as 200ms or 1s, got '" + text + "'");
        }
        return timeout;
    }

    /** How a sticky pool knows a client again. */
    public sealed interface Key permits InsertCookie, LearnCookie, ClientIp {
    }

    /**
     * Junction inserts a cookie whose value is a signed session id.
     *
     * @param maxAge   Max-Age of the cookie, or {@code null} for a cookie that ends with the browser session
     * @param sameSite {@code Strict}, {@code Lax}, {@code None}, or {@code null} for no SameSite attribute
     * @param domain   the Domain attribute, or {@code null} for none
     */
    public record InsertCookie(String name, Duration maxAge, boolean secure, boolean httpOnly, String sameSite,
                               String path, String domain) implements Key {

        public InsertCookie {
            requireToken("sticky cookie name", name);
            if (maxAge != null && (maxAge.isZero() || maxAge.isNegative())) {
                throw new InvalidSpecException("sticky maxAge must be longer than 0");
            }
            if (sameSite != null) {
                sameSite = sameSite(sameSite);
                if (sameSite.equals("None") && !secure) {
                    throw new InvalidSpecException("sticky sameSite: 'None' needs secure: true (browsers refuse it otherwise)");
                }
            }
            requireAttribute("path", path);
            if (!path.startsWith("/")) {
                throw new InvalidSpecException("sticky path must start with '/', got '" + path + "'");
            }
            if (domain != null) {
                requireAttribute("domain", domain);
            }
        }

        private static String sameSite(String text) {
            for (String value : new String[]{"Strict", "Lax", "None"}) {
                if (value.toLowerCase(Locale.ROOT).equals(text.toLowerCase(Locale.ROOT))) {
                    return value;
                }
            }
            throw new InvalidSpecException("sticky sameSite: got '" + text + "', expected 'Strict', 'Lax' or 'None'");
        }

        private static void requireAttribute(String what, String value) {
            if (value == null || !ATTRIBUTE.matcher(value).matches()) {
                throw new InvalidSpecException("sticky " + what + ": '" + value + "' is not a cookie attribute value");
            }
        }
    }

    /** The application sets a cookie of this name; Junction learns which backend set which value. */
    public record LearnCookie(String name) implements Key {

        public LearnCookie {
            requireToken("sticky learn cookie name", name);
        }
    }

    /**
     * The client's address, cut to a network prefix (so a client behind a pool of NAT addresses stays put).
     *
     * @param ipv4Prefix bits of an IPv4 address that count, 1 to 32
     * @param ipv6Prefix bits of an IPv6 address that count, 1 to 128
     */
    public record ClientIp(int ipv4Prefix, int ipv6Prefix) implements Key {

        public static final ClientIp WHOLE_ADDRESS = new ClientIp(32, 128);

        public ClientIp {
            if (ipv4Prefix < 1 || ipv4Prefix > 32) {
                throw new InvalidSpecException("sticky 'client-ip' ipv4: got " + ipv4Prefix + ", expected 1 to 32");
            }
            if (ipv6Prefix < 1 || ipv6Prefix > 128) {
                throw new InvalidSpecException("sticky 'client-ip' ipv6: got " + ipv6Prefix + ", expected 1 to 128");
            }
        }
    }

    private static void requireToken(String what, String name) {
        if (name == null || !TOKEN.matcher(name).matches()) {
            throw new InvalidSpecException(what + ": '" + name + "' is not a cookie name (letters, digits and !#$%&'*+-.^_`|~)");
        }
    }
}
