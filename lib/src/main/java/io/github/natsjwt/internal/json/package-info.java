/**
 * JSON read and written as Go's {@code encoding/json} does: the linear-time reader and its tape,
 * unmarshalling into a Go type shape (duplicate keys, {@code null}, key case folding), and the
 * writer whose output is byte-identical to {@code Marshal}. Not exported; not part of the API.
 *
 * <p>Depends on the JDK only.
 */
@NullMarked
package io.github.natsjwt.internal.json;

import org.jspecify.annotations.NullMarked;
