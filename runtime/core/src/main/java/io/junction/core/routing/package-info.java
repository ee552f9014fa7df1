/** Route matching, free of any server type: a compiled table answers "which route for this request". */
package io.junction.core.routing;
