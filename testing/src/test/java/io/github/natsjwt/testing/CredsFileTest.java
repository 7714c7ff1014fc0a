package io.github.natsjwt.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CredsFileTest {
  // creds/standard.creds is the "standard" case of the shared creds test data: the output of the
  // Go reference's jwt.FormatUserConfig for this JWT and seed.
  private static final String JWT =
      "eyJ0eXAiOiJKV1QiLCJhbGciOiJlZDI1NTE5LW5rZXkifQ.eyJhdWQiOiJOQVRTIiwiZXhwIjo0MTAyNDQ0ODAwLCJqdGkiOiJXUk5BTEJKUFdQTEpJVFNCQlk3SjZORko1TzNNWTI0V1JYTERJWUZBVDZZWlRIQkxOTTdBIiwiaWF0IjoxNzAwMDAwMDAwLCJpc3MiOiJBQ0UyRExFSldNWUdPQkhPWktKVlFYMkFLQjNPNkpUREtMQzZCU0tXRlhTRk1MN1NSSFNRTlVPRSIsIm5hbWUiOiJhbGljZSIsIm5iZiI6MTcwMDAwMDAwMCwic3ViIjoiVUFBSEQ3QlRSUlRHNjRCUlBQV1JXTU9TVFFPN0pWVEIyWlZKQ01SUFlIM09GU1c3VEJCWVpTSEEiLCJuYXRzIjp7InB1YiI6eyJhbGxvdyI6WyJhbGljZS5cdTAwM2UiLCJfSU5CT1guXHUwMDNlIl0sImRlbnkiOlsiYWxpY2Uuc2VjcmV0Il19LCJzdWIiOnsiYWxsb3ciOlsiYWxpY2UuXHUwMDNlIiwiX0lOQk9YLlx1MDAzZSIsIndvcmsuKiB3b3JrZXJzIl0sImRlbnkiOlsiYWxpY2UucHJpdmF0ZS5cdTAwM2UiXX0sInJlc3AiOnsibWF4Ijo1LCJ0dGwiOjYwMDAwMDAwMDAwfSwic3JjIjpbIjE5Mi4wLjIuMC8yNCIsIjIwMDE6ZGI4OjovMzIiXSwidGltZXMiOlt7InN0YXJ0IjoiMDk6MDA6MDAiLCJlbmQiOiIxMjowMDowMCJ9LHsic3RhcnQiOiIxMzowMDowMCIsImVuZCI6IjE3OjMwOjAwIn1dLCJ0aW1lc19sb2NhdGlvbiI6IkFtZXJpY2EvTmV3X1lvcmsiLCJzdWJzIjoxMDAsImRhdGEiOjEwNDg1NzYsInBheWxvYWQiOjQwOTYsImFsbG93ZWRfY29ubmVjdGlvbl90eXBlcyI6WyJTVEFOREFSRCIsIldFQlNPQ0tFVCIsIkxFQUZOT0RFIiwiTVFUVCJdLCJ0YWdzIjpbImRlcHQ6ZW5nIl0sInR5cGUiOiJ1c2VyIiwidmVyc2lvbiI6Mn19.QKDO_cUW6xqM7G0tbO_QvmGhAtxJ3GCjt0ll1QIH7lfRugFKgDR0I2DFyCi90z6YmiOQinXiGqzkXE7PF5_7AQ";
  private static final String SEED = "SUALSFGF5HBPLPWW2ZNQ3GSWTXHC2US5ICVIEZJUJRE43ZLE63G32IIS2Y";

  @Test
  void format_standardCase_matchesGoReferenceBytes() throws IOException {
    String expected;
    try (InputStream in = CredsFileTest.class.getResourceAsStream("/creds/standard.creds")) {
      expected = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }

    assertEquals(expected, CredsFile.format(JWT, SEED.toCharArray()));
  }
}
