/**
 * Codecs and cryptographic plumbing shared by the API packages. Not exported from the module; not
 * part of the API.
 */
@NullMarked
package io.github.natsjwt.internal;

import org.jspecify.annotations.NullMarked;
