/**
 * The plugin host: loads the PF4J plugin JARs of the plugins folder into an immutable
 * {@link io.junction.server.plugins.PluginSet}. Nothing outside this package sees a PF4J type; the rest of
 * the server asks a {@code PluginSet} for strategies by id and reports its
 * {@link io.junction.server.plugins.PluginProblem problems}.
 */
package io.junction.server.plugins;
