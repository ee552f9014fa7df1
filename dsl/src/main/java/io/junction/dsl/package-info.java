/**
 * The routing-script DSL: {@link io.junction.dsl.RoutingScripts} compiles {@code conf.d/*.groovy}
 * into the immutable {@link io.junction.core.model.Config}. The words a script may use are the
 * methods of {@link io.junction.dsl.JunctionScript} and of the block interfaces it opens
 * ({@link io.junction.dsl.PoolDsl}, {@link io.junction.dsl.HttpListenerDsl}, {@link io.junction.dsl.RouteDsl}).
 */
package io.junction.dsl;
