/** Validation of a compiled configuration; every problem names the script location it comes from. */
package io.junction.core.check;
