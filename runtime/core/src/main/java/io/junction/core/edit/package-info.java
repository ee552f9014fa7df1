/**
 * The rules of a route's filters, engine-free: path rewrites and header edits compiled once per generation
 * ({@link io.junction.core.edit.RequestEdits}, {@link io.junction.core.edit.ResponseEdits}) and applied
 * through {@link io.junction.core.edit.HeaderEditor}, which each HTTP engine implements over its own head.
 */
package io.junction.core.edit;
