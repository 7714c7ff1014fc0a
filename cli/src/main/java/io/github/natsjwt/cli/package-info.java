/**
 * The {@code natsjwt} command-line tool: {@link io.github.natsjwt.cli.Main} and the plumbing shared
 * by its commands (standard streams, input files, exit codes, error messages).
 */
@NullMarked
package io.github.natsjwt.cli;

import org.jspecify.annotations.NullMarked;
