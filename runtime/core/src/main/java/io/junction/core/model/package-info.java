/**
 * The immutable configuration model that routing scripts compile to. Nothing here is live: a
 * {@link io.junction.core.model.Config} describes a generation, the server builds handlers from it.
 */
package io.junction.core.model;
