/**
 * The rules of the terminal actions that decide something per request, engine-free: which pool of a
 * {@code split} ({@link io.junction.core.action.SplitChoice}) and where a {@code redirect} points
 * ({@link io.junction.core.action.RedirectLocation}).
 */
package io.junction.core.action;
