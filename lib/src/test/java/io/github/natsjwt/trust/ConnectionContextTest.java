package io.github.natsjwt.trust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.natsjwt.claims.ConnectionType;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ConnectionContextTest {
  @Test
  void builder_defaults_standardUnsignedUnknownHost() {
    ConnectionContext c = ConnectionContext.builder().build();
    assertEquals("", c.nonce());
    assertTrue(c.signature().isEmpty());
    assertEquals(ConnectionType.STANDARD, c.connectionType());
    assertEquals("", c.clientHost());
    assertTrue(c.time().isEmpty());
    assertEquals(0, c.accountConnections());
    assertFalse(c.viaTrustedProxy());
  }

  @Test
  void signNonce_signsTheNonceTextAsBase64UrlWithoutPadding() {
    String sig = ConnectionContext.signNonce(Chain.NONCE, Chain.USER);
    assertFalse(sig.contains("=") || sig.contains("+") || sig.contains("/"));
    byte[] raw = Base64.getUrlDecoder().decode(sig);
    assertTrue(Chain.USER.verify(Chain.NONCE.getBytes(StandardCharsets.US_ASCII), raw));
  }

  @Test
  void clientAddress_ipv4_dottedText() throws Exception {
    assertEquals(
        "192.0.2.1",
        ConnectionContext.builder()
            .clientAddress(InetAddress.getByName("192.0.2.1"))
            .build()
            .clientHost());
  }

  @Test
  void accountConnections_negative_throws() {
    assertThrows(
        IllegalArgumentException.class, () -> ConnectionContext.builder().accountConnections(-1));
  }

  @Test
  void assumeNonceSigned_default_false() {
    assertFalse(ConnectionContext.builder().build().assumesNonceSigned());
  }

  @Test
  void assumeNonceSigned_set_shownInToString() {
    ConnectionContext c = ConnectionContext.builder().assumeNonceSigned().build();
    assertTrue(c.assumesNonceSigned());
    assertTrue(c.signature().isEmpty());
    assertTrue(c.toString().contains("signed=assumed"), c::toString);
  }

  @Test
  void build_signatureAndAssumeNonceSigned_throws() {
    ConnectionContext.Builder b =
        ConnectionContext.builder()
            .nonce(Chain.NONCE)
            .signature(ConnectionContext.signNonce(Chain.NONCE, Chain.USER))
            .assumeNonceSigned();
    IllegalStateException e = assertThrows(IllegalStateException.class, b::build);
    assertTrue(e.getMessage().contains("assumeNonceSigned()"), e::getMessage);
  }

  @Test
  void toString_hidesSignature() {
    String sig = ConnectionContext.signNonce(Chain.NONCE, Chain.USER);
    String s = ConnectionContext.builder().nonce(Chain.NONCE).signature(sig).build().toString();
    assertFalse(s.contains(sig));
    assertTrue(s.contains("signed=true"));
  }

  @Test
  void decodeSignature_serverEncodings() {
    byte[] raw = {(byte) 0xfb, (byte) 0xff, 0x01};
    assertArrayEquals(raw, TrustVerifier.decodeSignature("-_8B"));
    assertArrayEquals(raw, TrustVerifier.decodeSignature("+/8B"));
    byte[] two = {(byte) 0xfb, (byte) 0xff};
    assertArrayEquals(two, TrustVerifier.decodeSignature("-_8"));
    assertArrayEquals(two, TrustVerifier.decodeSignature("+/8="));
    assertNull(TrustVerifier.decodeSignature("+/8"));
    assertNull(TrustVerifier.decodeSignature("-_8="));
    assertNull(TrustVerifier.decodeSignature("***"));
  }
}
