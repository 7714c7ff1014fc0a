/**
 * NaCl {@code crypto_box} (X25519, HSalsa20, XSalsa20-Poly1305) under the NATS {@code xkv1}
 * sealed-message format of curve keys. Not exported; not part of the API.
 *
 * <p>Depends on the JDK and BouncyCastle's low-level primitives only.
 */
@NullMarked
package io.github.natsjwt.internal.box;

import org.jspecify.annotations.NullMarked;
