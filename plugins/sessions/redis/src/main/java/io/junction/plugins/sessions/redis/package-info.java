/**
 * The {@code redis} session store, shipped as the {@code redis-sessions} PF4J plugin: pins shared by every Junction
 * that points at the same Redis, through Lettuce's asynchronous API (bundled in the plugin JAR), with a short
 * local cache in front. Nothing here blocks: a slow or absent Redis makes a lookup fail, and Junction then serves
 * the request with the pool's strategy.
 */
package io.junction.plugins.sessions.redis;
