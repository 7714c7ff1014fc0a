/** The {@code natsjwt creds} commands: generate and inspect user creds files. */
@NullMarked
package io.github.natsjwt.cli.creds;

import org.jspecify.annotations.NullMarked;
