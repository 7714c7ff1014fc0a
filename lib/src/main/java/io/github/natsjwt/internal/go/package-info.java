/**
 * Go standard-library semantics other than JSON that decisions depend on: {@code net} address and
 * CIDR parsing, {@code strings} helpers, {@code strconv} quoting and printability, and {@code
 * int64} Unix seconds. Not exported; not part of the API.
 *
 * <p>Depends on the JDK only.
 */
@NullMarked
package io.github.natsjwt.internal.go;

import org.jspecify.annotations.NullMarked;
