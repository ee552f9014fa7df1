package io.junction.dsl;

import groovy.transform.NamedParam;
import groovy.transform.NamedParams;

import java.util.Map;

/**
 * The words inside {@code https('name', port: ...) { ... }}: the routes of an http listener plus its certificates.
 * File names are relative to conf.d and read again on every reload.
 */
public interface HttpsListenerDsl extends HttpListenerDsl {

    /**
     * A certificate from PEM files (chain, leaf first; unencrypted PKCS#8 key) or from a PKCS#12/JKS keystore. It is
     * chosen for the DNS names of its certificate, or for {@code names} (exact or {@code *.suffix}); the first
     * certificate also answers clients that send no server name.
     */
    @Usage("certificate cert: 'site.pem', key: 'site.key', names: ['example.com', '*.example.com'] "
            + "or certificate keystore: 'site.p12', password: 'secret'")
    void certificate(@NamedParams({
                         @NamedParam(value = "cert", type = String.class),
                         @NamedParam(value = "key", type = String.class),
                         @NamedParam(value = "keystore", type = String.class),
                         @NamedParam(value = "password", type = String.class),
                         @NamedParam(value = "names", type = java.util.List.class)
                     }) Map<String, ?> files);
}
