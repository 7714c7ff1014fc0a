package io.github.natsjwt.internal.go;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoNetTest {
  @Test
  void parseIp_ipv4_fourBytes() {
    assertArrayEquals(new byte[] {(byte) 192, 0, 2, 1}, GoNet.parseIp("192.0.2.1"));
  }

  @Test
  void parseIp_ipv6WithEllipsis_expanded() {
    byte[] b = GoNet.parseIp("2001:db8::1");
    assertNotNull(b);
    assertEquals(16, b.length);
    assertEquals(0x20, b[0]);
    assertEquals(0x01, b[1]);
    assertEquals(0x0d, b[2]);
    assertEquals((byte) 0xb8, b[3]);
    assertEquals(1, b[15]);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "localhost",
        "1.2.3",
        "01.2.3.4",
        "256.1.1.1",
        "fe80::1%eth0",
        "1::2::3",
        "::1:2:3:4:5:6:7:8"
      })
  void parseIp_notAnAddress_null(String s) {
    assertNull(GoNet.parseIp(s));
  }

  @ParameterizedTest
  @CsvSource({
    "10.0.0.0/8, 10.200.3.4, true",
    "10.0.0.0/8, 11.0.0.1, false",
    "10.1.2.3/8, 10.9.9.9, true",
    "0.0.0.0/0, 203.0.113.5, true",
    "0.0.0.0/0, ::1, false",
    "::/0, ::1, true",
    "::/0, 127.0.0.1, false",
    "10.0.0.0/8, ::ffff:10.1.1.1, true",
    "::ffff:10.0.0.0/104, 10.1.2.3, true",
    "::ffff:10.0.0.0/104, 11.1.2.3, false",
    "2001:db8::/32, 2001:db8:1::5, true",
    "2001:db8::/32, 2001:db9::5, false",
    "127.0.0.1/32, 127.0.0.1, true",
    "127.0.0.1/32, 127.0.0.2, false"
  })
  void contains_goIpNetRules(String cidr, String ip, boolean inside) {
    GoNet.Cidr net = GoNet.parseCidr(cidr);
    assertNotNull(net, cidr);
    byte[] addr = GoNet.parseIp(ip);
    assertNotNull(addr, ip);
    assertEquals(inside, net.contains(addr), cidr + " contains " + ip);
  }
}
