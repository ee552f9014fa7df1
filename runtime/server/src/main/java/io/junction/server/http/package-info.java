/** Undertow handlers of an HTTP listener: small decorators, each calling {@code next} or ending the exchange. */
package io.junction.server.http;
