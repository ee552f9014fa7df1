/**
 * Junction's side of Undertow's ProxyHandler: which backend (the pool's strategy), connection
 * pools shared across generations, connect retries, timeouts and the 502/504 answers.
 */
package io.junction.server.proxy;
