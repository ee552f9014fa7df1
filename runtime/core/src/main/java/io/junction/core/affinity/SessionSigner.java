package io.junction.core.affinity;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Opaque session ids for Junction's sticky cookie: {@code id.expiry.mac}, where {@code id} is 128 random bits,
 * {@code expiry} the epoch second after which the value is refused, and {@code mac} their HMAC-SHA256 under the
 * first key. Every key verifies, so keys can be rotated: add the new key first, drop the old one after the cookies'
 * lifetime. A value that does not verify (forged, tampered, signed by a retired key, expired) is treated as absent.
 */
public final class SessionSigner {

    private static final String HMAC = "HmacSHA256";
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{22}\\.[0-9]{1,12}\\.[A-Za-z0-9_-]{43}");
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private final List<SecretKeySpec> keys;
    private final SecureRandom random = new SecureRandom();
    private final ThreadLocal<Mac[]> macs;

    /** @param secrets the keys, the signing one first; at least one */
    public SessionSigner(List<String> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("a session signer needs at least one key");
        }
        this.keys = secrets.stream().map(s -> new SecretKeySpec(s.getBytes(StandardCharsets.UTF_8), HMAC)).toList();
        this.macs = ThreadLocal.withInitial(this::newMacs);
    }

    /** A signer with a random key of this process only: its cookies mean nothing to another Junction. */
    public static SessionSigner ofRandomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new SessionSigner(List.of(BASE64.encodeToString(key)));
    }

    /** A new signed value that verifies until {@code expiresAt} (epoch seconds). */
    public String issue(long expiresAt) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        String payload = BASE64.encodeToString(id) + "." + expiresAt;
        return payload + "." + BASE64.encodeToString(mac(0, payload));
    }

    /** The session id part of a value {@link #issue} returned. */
    static String idOf(String value) {
        return value.substring(0, value.indexOf('.'));
    }

    /** The session id of a value that verifies under any key and has not expired at {@code now} (epoch seconds), else null. */
    public String verify(String value, long now) {
        if (value == null || !SHAPE.matcher(value).matches()) {
            return null;
        }
        int firstDot = value.indexOf('.');
        int lastDot = value.lastIndexOf('.');
        if (Long.parseLong(value.substring(firstDot + 1, lastDot)) <= now) {
            return null;
        }
        String payload = value.substring(0, lastDot);
        // compared as text: base64 leaves spare bits in its last character, so decoding would accept several spellings
        byte[] mac = value.substring(lastDot + 1).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < keys.size(); i++) {
            if (MessageDigest.isEqual(mac, BASE64.encodeToString(mac(i, payload)).getBytes(StandardCharsets.US_ASCII))) {
                return value.substring(0, firstDot);
            }
        }
        return null;
    }

    private byte[] mac(int key, String payload) {
        return macs.get()[key].doFinal(payload.getBytes(StandardCharsets.US_ASCII));
    }

    private Mac[] newMacs() {
        try {
            Mac[] result = new Mac[keys.size()];
            for (int i = 0; i < result.length; i++) {
                result[i] = Mac.getInstance(HMAC);
                result[i].init(keys.get(i));
            }
            return result;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
        }
    }
}
