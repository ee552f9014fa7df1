/**
 * The plugin host: loads the PF4J plugin JARs of the built-in and drop-in
 * {@link io.junction.server.plugins.PluginFolders} into an immutable {@link io.junction.server.plugins.PluginSet}.
 * Nothing outside this package sees a PF4J type; the rest of the server asks the set's
 * {@link io.junction.server.plugins.ExtensionCatalog} for extensions by kind and id and reports its
 * {@link io.junction.server.plugins.PluginProblem problems}.
 */
package io.junction.server.plugins;
