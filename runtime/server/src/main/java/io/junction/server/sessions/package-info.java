/**
 * The open session stores of sticky pools ({@link io.junction.server.sessions.SessionStores}), kept across
 * generations while a pool asks for the same store with the same options, and how their failures are counted and
 * logged ({@link io.junction.server.sessions.StoreFailureLog}).
 */
package io.junction.server.sessions;
