/** The {@code natsjwt key} commands: generate, inspect, sign, verify, seal and open NKeys. */
@NullMarked
package io.github.natsjwt.cli.key;

import org.jspecify.annotations.NullMarked;
