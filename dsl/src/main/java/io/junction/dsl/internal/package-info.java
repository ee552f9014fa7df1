/**
 * How scripts become a {@link io.junction.core.model.Config}: one compiler setup, one builder shared
 * by every file of a compilation, a fresh spec object per block, and problems located at
 * {@code file:line:column}. Not an API: scripts see only the interfaces in {@code io.junction.dsl}.
 */
package io.junction.dsl.internal;
