/** The {@code natsjwt demo} command and its steps. */
@NullMarked
package io.github.natsjwt.cli.demo;

import org.jspecify.annotations.NullMarked;
