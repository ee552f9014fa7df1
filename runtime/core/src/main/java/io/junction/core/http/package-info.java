/** Engine-neutral HTTP rules both engines apply before routing: path normalisation. */
package io.junction.core.http;
