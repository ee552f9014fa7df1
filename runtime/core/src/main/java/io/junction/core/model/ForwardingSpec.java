package io.junction.core.model;

import java.util.List;

/**
 * How an HTTP listener passes requests on, besides its routes: the peers whose X-Forwarded-For it believes
 * ({@code trustedProxies}, as nginx's {@code set_real_ip_from}), whether it adds an RFC 7239 {@code Forwarded}
 * field, and whether the backend receives the path exactly as received ({@code rawPath}) rather than normalised.
 */
public record ForwardingSpec(List<AddressRange> trustedProxies, boolean forwarded, boolean rawPath) {

    /** Nobody trusted, X-Forwarded-* only, the normalised path. */
    public static final ForwardingSpec DEFAULTS = new ForwardingSpec(List.of(), false, false);

    public ForwardingSpec {
        trustedProxies = List.copyOf(trustedProxies);
    }
}
