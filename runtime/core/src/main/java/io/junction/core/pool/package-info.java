/**
 * Pools at run time: backend state that outlives a configuration generation (keyed by backend
 * identity) and per-generation pools that ask their strategy's {@link io.junction.api.Balancer}.
 */
package io.junction.core.pool;
