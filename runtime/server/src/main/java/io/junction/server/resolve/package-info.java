/**
 * Backend host names resolved off the I/O threads: {@link io.junction.server.resolve.BackendAddresses} looks them up
 * when a configuration is applied and on a schedule, and both HTTP engines and the tcp listeners only read its map.
 */
package io.junction.server.resolve;
