/** Engine-neutral HTTP rules both engines apply: path normalisation before routing, connection caps. */
package io.junction.core.http;
