/**
 * The {@code memory} session store, shipped as the {@code memory-sessions} PF4J plugin: one process's pins in a
 * bounded LRU map with a time to live per entry. Compiled against junction-api only.
 */
package io.junction.plugins.sessions.memory;
