package io.github.natsjwt.creds;

import static io.github.natsjwt.creds.CredsVectors.assertNoSeed;
import static io.github.natsjwt.creds.CredsVectors.bytes;
import static io.github.natsjwt.creds.CredsVectors.creds;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.natsjwt.claims.ClaimType;
import io.github.natsjwt.jwt.ClaimTypeMismatchException;
import io.github.natsjwt.jwt.SignatureMismatchException;
import io.github.natsjwt.nkey.InvalidNKeyException;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyOperationException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CredsTest {
  /** The outcome this library gives for every file of testdata/creds; null means valid. */
  private static final Map<String, CredsErrorCode> OUTCOME =
      Map.of(
          "jwt_only.creds", CredsErrorCode.NO_SEED,
          "account_seed.creds", CredsErrorCode.WRONG_SEED_TYPE);

  private static final String STANDARD = "standard.creds";

  @TempDir Path dir;

  static Stream<Arguments> allCases() {
    return CredsVectors.cases().stream().map(c -> Arguments.of(c.get("file").asText(), c));
  }

  static Stream<Arguments> validCases() {
    return allCases().filter(a -> !OUTCOME.containsKey((String) a.get()[0]));
  }

  static Stream<Arguments> invalidCases() {
    return allCases().filter(a -> OUTCOME.containsKey((String) a.get()[0]));
  }

  static Stream<Arguments> formatUserConfigCases() {
    // The files the reference's FormatUserConfig wrote, as opposed to hand-edited variants.
    return allCases()
        .filter(
            a -> {
              JsonNode c = (JsonNode) a.get()[1];
              String d = c.get("description").asText();
              return d.startsWith("exactly what jwt.FormatUserConfig produces")
                  || d.startsWith("jwt.FormatUserConfig output");
            });
  }

  private static String text(String file) {
    return new String(bytes(file), StandardCharsets.US_ASCII);
  }

  private static void assertCredsOf(JsonNode c, Creds creds) {
    assertEquals(c.get("expected_jwt").asText(), creds.jwt());
    assertEquals(c.get("expected_user_public_key").asText(), creds.publicKey());
    assertEquals(c.get("expected_user_public_key").asText(), creds.userKey().publicKey());
    assertEquals(c.get("expected_user_public_key").asText(), creds.claims().subject());
    assertEquals(ClaimType.USER, creds.claims().type());
    char[] seed = creds.userKey().seed();
    assertEquals(c.get("expected_seed").asText(), new String(seed));
    Arrays.fill(seed, '\0');
  }

  // ---------------------------------------------------------------- the reference's cases

  @Test
  void outcomeTable_coversEveryCaseOfTheIndex() {
    Set<String> files = new TreeSet<>();
    CredsVectors.cases().forEach(c -> files.add(c.get("file").asText()));
    assertEquals(17, files.size());
    assertTrue(files.containsAll(OUTCOME.keySet()));
    try (Stream<Path> listed = Files.list(CredsVectors.dir())) {
      Set<String> onDisk =
          listed
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".creds"))
              .collect(Collectors.toCollection(TreeSet::new));
      assertEquals(files, onDisk);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validCases")
  void read_validCase_givesExpectedJwtSeedAndPublicKey(String file, JsonNode c) {
    assertTrue(c.has("expected_seed"), "a valid case needs the expected seed");
    try (Creds creds = Creds.read(CredsVectors.file(file))) {
      assertCredsOf(c, creds);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validCases")
  void parse_validCaseFromEveryInputType_givesSameValues(String file, JsonNode c) {
    byte[] b = bytes(file);
    char[] chars = new String(b, StandardCharsets.US_ASCII).toCharArray();
    char[] before = chars.clone();
    List<Supplier<Creds>> parsers =
        List.of(
            () -> Creds.parse(b),
            () -> Creds.parse(chars),
            () -> Creds.parse(new String(b, StandardCharsets.US_ASCII)));
    for (Supplier<Creds> p : parsers) {
      try (Creds creds = p.get()) {
        assertCredsOf(c, creds);
      }
    }
    assertArrayEquals(before, chars, "the caller's array is not changed");
    assertArrayEquals(bytes(file), b, "the caller's array is not changed");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidCases")
  void read_invalidCase_throwsDocumentedCode(String file, JsonNode c) {
    CredsErrorCode expected = OUTCOME.get(file);
    assertEquals("error", c.get("go_outcome").asText(), "the reference refuses it too");
    CredsFormatException e =
        assertThrows(CredsFormatException.class, () -> Creds.read(CredsVectors.file(file)));
    assertEquals(expected, e.code());
    assertEquals("seed", e.part());
    assertNoSeed(e.getMessage());
  }

  @Test
  void read_jwtOnly_throwsNoSeedNamingTheFile() {
    CredsFormatException e =
        assertThrows(
            CredsFormatException.class, () -> Creds.read(CredsVectors.file("jwt_only.creds")));

    assertEquals(
        String.format(
            CredsFormatException.NO_SEED,
            "creds file '" + CredsVectors.file("jwt_only.creds") + "'",
            ""),
        e.getMessage());
    assertEquals(OptionalInt.empty(), e.line());
  }

  @Test
  void read_accountSeed_throwsWrongSeedTypeOnItsLine() {
    // Go: "doesn't contain an user seed nkey".
    CredsFormatException e =
        assertThrows(CredsFormatException.class, () -> Creds.parse(text("account_seed.creds")));

    assertEquals(CredsErrorCode.WRONG_SEED_TYPE, e.code());
    assertEquals(OptionalInt.of(10), e.line());
    assertEquals(
        String.format(CredsFormatException.NOT_USER_SEED, "creds, line 10", "an account", "A"),
        e.getMessage());
  }

  @Test
  void read_seedFirst_readsBlocksByContentWhereGoTakesTheSeedAsTheJwt() {
    JsonNode c = creds("seed_first.creds");
    // What the reference returned: the seed as the JWT, then no seed.
    assertEquals(c.get("expected_seed").asText(), c.at("/go_jwt_v2/jwt").asText());
    assertTrue(c.at("/go_jwt_v2").has("user_seed_error"));

    try (Creds creds = Creds.parse(bytes("seed_first.creds"))) {
      assertCredsOf(c, creds);
    }
  }

  @Test
  void read_blankLineAfterMarker_skipsTheBlankLineWhereGoReturnsTheSeedAsTheJwt() {
    JsonNode c = creds("blank_line_after_marker.creds");
    assertEquals("wrong_value", c.get("go_outcome").asText());
    assertEquals(c.get("expected_seed").asText(), c.at("/go_jwt_v2/jwt").asText());
    assertEquals(c.get("expected_seed").asText(), c.at("/go_nkeys/jwt").asText());

    try (Creds creds = Creds.parse(bytes("blank_line_after_marker.creds"))) {
      assertCredsOf(c, creds);
    }
  }

  @Test
  void read_undecorated_readsTheBareLinesWhereGoReturnsTheWholeFileAsTheJwt() {
    JsonNode c = creds("undecorated.creds");
    assertEquals("wrong_value", c.get("go_outcome").asText());
    assertEquals(text("undecorated.creds"), c.at("/go_jwt_v2/jwt").asText());

    try (Creds creds = Creds.parse(bytes("undecorated.creds"))) {
      assertCredsOf(c, creds);
    }
  }

  @Test
  void read_wrappedJwt_throwsWrappedTokenWhereGoWouldTakeTheSeedAsTheJwt() {
    // No reference case: Go's pattern needs the token on one line, so the JWT block is skipped and
    // the seed block becomes the first block, read as the JWT (as in blank_line_after_marker).
    String jwt = creds(STANDARD).get("expected_jwt").asText();
    String wrapped =
        text(STANDARD)
            .replace(
                jwt,
                jwt.substring(0, 64) + "\n" + jwt.substring(64, 128) + "\n" + jwt.substring(128));

    CredsFormatException e = assertThrows(CredsFormatException.class, () -> Creds.parse(wrapped));

    assertEquals(CredsErrorCode.WRAPPED_TOKEN, e.code());
    assertEquals("jwt", e.part());
    assertEquals(OptionalInt.of(2), e.line());
    assertEquals(String.format(CredsFormatException.WRAPPED, "creds", 2, 4, 3), e.getMessage());
  }

  @Test
  void read_jwtWrappedBeforeFirstDot_reportsTheJwtByItsMarker() {
    // The first line of the block ("eyJ0eXAiOiJKV1QiLCJh") has no dot; the marker says JWT.
    String jwt = creds(STANDARD).get("expected_jwt").asText();
    String wrapped = text(STANDARD).replace(jwt, jwt.substring(0, 20) + "\n" + jwt.substring(20));

    CredsFormatException e = assertThrows(CredsFormatException.class, () -> Creds.parse(wrapped));

    assertEquals(CredsErrorCode.WRAPPED_TOKEN, e.code());
    assertEquals("jwt", e.part());
    assertEquals(OptionalInt.of(2), e.line());
    assertEquals(String.format(CredsFormatException.WRAPPED, "creds", 2, 3, 2), e.getMessage());
  }

  @Test
  void read_wrappedTokensUnderOtherMarkerText_labelledByHowTheTokenStarts() {
    JsonNode c = creds(STANDARD);
    String jwt = c.get("expected_jwt").asText();
    String seed = c.get("expected_seed").asText();
    String jwtBlock = "---x---\n" + jwt.substring(0, 20) + "\n" + jwt.substring(20) + "\n---x---\n";
    String seedBlock =
        "---y---\n" + seed.substring(0, 20) + "\n" + seed.substring(20) + "\n---y---\n";

    assertEquals(
        "jwt", assertThrows(CredsFormatException.class, () -> Creds.parse(jwtBlock)).part());
    assertEquals(
        "seed", assertThrows(CredsFormatException.class, () -> Creds.parse(seedBlock)).part());
  }

  @Test
  void read_crOnlyLineEnds_readAsTheGoWrittenFile() {
    // standard.creds is Go's FormatUserConfig output; with every LF turned into a CR it must give
    // the values the reference wrote into it.
    JsonNode c = creds(STANDARD);
    String cr = text(STANDARD).replace('\n', '\r');
    assertFalse(cr.contains("\n"));

    try (Creds creds = Creds.parse(cr)) {
      assertCredsOf(c, creds);
    }
    String lfcr = text(STANDARD).replace("\n", "\n\r");
    try (Creds creds = Creds.parse(lfcr)) {
      assertCredsOf(c, creds);
    }
  }

  @Test
  void read_crOnlyWrappedSeed_countsLinesAsAnEditorDoes() {
    String seed = creds(STANDARD).get("expected_seed").asText();
    String wrapped =
        text(STANDARD)
            .replace(seed, seed.substring(0, 29) + "\n" + seed.substring(29))
            .replace('\n', '\r');

    CredsFormatException e = assertThrows(CredsFormatException.class, () -> Creds.parse(wrapped));

    assertEquals(CredsErrorCode.WRAPPED_TOKEN, e.code());
    assertEquals("seed", e.part());
    assertEquals(OptionalInt.of(10), e.line());
  }

  @Test
  void read_wrappedSeed_throwsWrappedTokenWithoutShowingTheSeed() {
    String seed = creds(STANDARD).get("expected_seed").asText();
    String wrapped =
        text(STANDARD).replace(seed, seed.substring(0, 29) + "\r\n" + seed.substring(29));

    CredsFormatException e = assertThrows(CredsFormatException.class, () -> Creds.parse(wrapped));

    assertEquals(CredsErrorCode.WRAPPED_TOKEN, e.code());
    assertEquals("seed", e.part());
    assertEquals(OptionalInt.of(10), e.line());
    assertFalse(e.getMessage().contains(seed.substring(0, 29)));
  }

  @Test
  void read_lenientForms_giveTheSameValuesAsTheReference() {
    // The forms the reference reads correctly, each by its own case (see validCases).
    for (String f :
        List.of(
            "crlf.creds",
            "extra_dashes.creds",
            "leading_text.creds",
            "no_trailing_newline.creds",
            "minimal_no_banner.creds",
            "arbitrary_marker_text.creds")) {
      JsonNode c = creds(f);
      assertEquals("ok", c.get("go_outcome").asText(), f);
      try (Creds creds = Creds.parse(bytes(f))) {
        assertEquals(c.at("/go_jwt_v2/jwt").asText(), creds.jwt(), f);
      }
    }
  }

  @Test
  void read_indentedAndTrailingSpaces_readWhereGoFails() {
    for (String f : List.of("indented.creds", "trailing_spaces_on_marker_lines.creds")) {
      JsonNode c = creds(f);
      assertEquals("error", c.get("go_outcome").asText(), f);
      try (Creds creds = Creds.parse(bytes(f))) {
        assertCredsOf(c, creds);
      }
    }
  }

  // ---------------------------------------------------------------- other bad input

  @Test
  void parse_twoJwtBlocks_throwsAmbiguous() {
    String jwt = creds(STANDARD).get("expected_jwt").asText();
    String text = "-----A-----\n" + jwt + "\n-----B-----\n" + text(STANDARD);

    CredsFormatException e = assertThrows(CredsFormatException.class, () -> Creds.parse(text));

    assertEquals(CredsErrorCode.AMBIGUOUS, e.code());
    assertEquals("jwt", e.part());
    assertEquals(
        String.format(CredsFormatException.AMBIGUOUS, "creds", 2, "JWT", "2, 5"), e.getMessage());
  }

  @Test
  void parse_twoSeedBlocks_throwsAmbiguousWithoutShowingEitherSeed() {
    String other = creds("user_scoped.creds").get("expected_seed").asText();
    String text = text(STANDARD) + "-----BEGIN USER NKEY SEED-----\n" + other + "\n-----END-----\n";

    CredsFormatException e = assertThrows(CredsFormatException.class, () -> Creds.parse(text));

    assertEquals(CredsErrorCode.AMBIGUOUS, e.code());
    assertEquals("seed", e.part());
    assertNoSeed(e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "\n\n", "hello\nworld\n", "alice.creds"})
  void parse_noJwt_throwsNoJwt(String text) {
    CredsFormatException e = assertThrows(CredsFormatException.class, () -> Creds.parse(text));

    assertEquals(CredsErrorCode.NO_JWT, e.code());
    assertEquals("jwt", e.part());
    assertEquals(String.format(CredsFormatException.NO_JWT, "creds", ""), e.getMessage());
  }

  @Test
  void parse_onlyADecoratedSeed_throwsNoJwt() {
    String seed = creds(STANDARD).get("expected_seed").asText();
    char[] decorated = CredsFormat.decorateSeed(seed.toCharArray());

    CredsFormatException e = assertThrows(CredsFormatException.class, () -> Creds.parse(decorated));

    assertEquals(CredsErrorCode.NO_JWT, e.code());
  }

  @Test
  void parse_seedWithASpaceInside_throwsNoSeedSayingWhichLineWasSkipped() {
    String seed = creds(STANDARD).get("expected_seed").asText();
    String text = text(STANDARD).replace(seed, seed.substring(0, 10) + " " + seed.substring(10));

    CredsFormatException e = assertThrows(CredsFormatException.class, () -> Creds.parse(text));

    assertEquals(CredsErrorCode.NO_SEED, e.code());
    String hint = String.format(CredsFormatException.SKIPPED_HINT, 9, 11, 10, 11);
    assertEquals(String.format(CredsFormatException.NO_SEED, "creds", hint), e.getMessage());
  }

  @Test
  void parse_seedWithBadChecksum_throwsInvalidSeedWithTheNKeyCause() {
    String seed = creds(STANDARD).get("expected_seed").asText();
    String bad = seed.substring(0, 57) + (seed.charAt(57) == 'A' ? 'B' : 'A');
    String text = text(STANDARD).replace(seed, bad);

    CredsFormatException e = assertThrows(CredsFormatException.class, () -> Creds.parse(text));

    assertEquals(CredsErrorCode.INVALID_SEED, e.code());
    assertEquals(OptionalInt.of(10), e.line());
    assertInstanceOf(InvalidNKeyException.class, e.getCause());
    assertTrue(
        e.getMessage().startsWith("creds, line 10: the seed is not valid: "), e.getMessage());
    assertFalse(e.getMessage().contains(bad));
    assertNoSeed(e.getMessage());
  }

  @Test
  void parse_tamperedJwt_throwsInvalidJwtWithTheJwtCause() {
    String jwt = creds(STANDARD).get("expected_jwt").asText();
    int sig = jwt.lastIndexOf('.') + 1;
    String tampered =
        jwt.substring(0, sig) + (jwt.charAt(sig) == 'A' ? 'B' : 'A') + jwt.substring(sig + 1);
    String text = text(STANDARD).replace(jwt, tampered);

    CredsFormatException e = assertThrows(CredsFormatException.class, () -> Creds.parse(text));

    assertEquals(CredsErrorCode.INVALID_JWT, e.code());
    assertEquals("jwt", e.part());
    assertEquals(OptionalInt.of(2), e.line());
    assertInstanceOf(SignatureMismatchException.class, e.getCause());
    assertEquals(
        String.format(CredsFormatException.INVALID_JWT, "creds, line 2", e.getCause().getMessage()),
        e.getMessage());
    assertFalse(e.getMessage().contains(tampered));
  }

  @Test
  void parse_accountJwtInABlock_throwsNotUserJwt() {
    JsonNode account = CredsVectors.jwt("account_minimal");
    String jwt = creds(STANDARD).get("expected_jwt").asText();
    String text = text(STANDARD).replace(jwt, account.get("jwt").asText());

    CredsFormatException e = assertThrows(CredsFormatException.class, () -> Creds.parse(text));

    assertEquals(CredsErrorCode.NOT_USER_JWT, e.code());
    assertInstanceOf(ClaimTypeMismatchException.class, e.getCause());
    assertEquals(
        String.format(CredsFormatException.NOT_USER_JWT, "creds, line 2", "account"),
        e.getMessage());
  }

  @Test
  void parse_seedOfAnotherUser_throwsKeyMismatchWithBothPublicKeys() {
    JsonNode c = creds(STANDARD);
    JsonNode other = creds("user_scoped.creds");
    String text =
        text(STANDARD)
            .replace(c.get("expected_seed").asText(), other.get("expected_seed").asText());

    CredsKeyMismatchException e =
        assertThrows(CredsKeyMismatchException.class, () -> Creds.parse(text));

    assertEquals(CredsErrorCode.KEY_MISMATCH, e.code());
    assertEquals(c.get("expected_user_public_key").asText(), e.jwtSubject());
    assertEquals(other.get("expected_user_public_key").asText(), e.seedPublicKey());
    assertEquals(
        String.format(
            CredsKeyMismatchException.MESSAGE,
            "creds, line 10",
            other.get("expected_user_public_key").asText(),
            c.get("expected_user_public_key").asText()),
        e.getMessage());
    assertNoSeed(e.getMessage());
  }

  @Test
  void parse_textLargerThanMax_throwsTooLarge() {
    char[] big = new char[Creds.MAX_BYTES + 1];
    Arrays.fill(big, ' ');

    CredsFormatException e = assertThrows(CredsFormatException.class, () -> Creds.parse(big));

    assertEquals(CredsErrorCode.TOO_LARGE, e.code());
    assertEquals("file", e.part());
    assertEquals(
        String.format(
            CredsFormatException.TOO_LARGE, "creds", Creds.MAX_BYTES + 1, Creds.MAX_BYTES),
        e.getMessage());
  }

  @Test
  void read_fileLargerThanMax_throwsTooLargeBeforeReadingIt() throws IOException {
    Path file = dir.resolve("huge.creds");
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(10L * 1024 * 1024 * 1024); // sparse: reading it would take long
    }

    CredsFormatException e = assertThrows(CredsFormatException.class, () -> Creds.read(file));

    assertEquals(CredsErrorCode.TOO_LARGE, e.code());
    assertTrue(e.getMessage().startsWith("creds file '" + file + "' is 10737418240 bytes"));
  }

  @Test
  void read_missingFile_throwsCredsFileException() {
    Path file = dir.resolve("missing.creds");

    CredsFileException e = assertThrows(CredsFileException.class, () -> Creds.read(file));

    assertEquals(
        String.format(CredsFileException.CANNOT_READ, file, "no such file"), e.getMessage());
    assertEquals(file, e.file());
  }

  @Test
  void read_directory_throwsCredsFileException() {
    CredsFileException e = assertThrows(CredsFileException.class, () -> Creds.read(dir));

    assertEquals(
        String.format(CredsFileException.CANNOT_READ, dir, "it is a directory"), e.getMessage());
  }

  // ---------------------------------------------------------------- wiping

  @Test
  void parseOwned_success_wipesTheBuffer() {
    char[] text = text(STANDARD).toCharArray();

    Creds.parseOwned(text, "creds").close();

    assertArrayEquals(new char[text.length], text);
  }

  @Test
  void parseOwned_failure_wipesTheBuffer() {
    char[] text = text("account_seed.creds").toCharArray();

    assertThrows(CredsFormatException.class, () -> Creds.parseOwned(text, "creds"));

    assertArrayEquals(new char[text.length], text);
  }

  @Test
  void close_wipesTheKeyAndRefusesSeedUse() {
    Creds creds = Creds.parse(bytes(STANDARD));
    NKey key = creds.userKey();

    creds.close();
    creds.close();

    assertTrue(creds.isClosed());
    assertTrue(key.isWiped());
    assertThrows(NKeyOperationException.class, key::seed);
    assertThrows(NKeyOperationException.class, creds::format);
    assertThrows(NKeyOperationException.class, () -> creds.signNonce("nonce"));
    assertThrows(NKeyOperationException.class, () -> creds.writeTo(dir.resolve("x.creds")));
    assertEquals(creds(STANDARD).get("expected_jwt").asText(), creds.jwt());
  }

  @Test
  void of_userKey_copiesTheKeySoClosingTheCredsLeavesItUsable() {
    JsonNode c = creds(STANDARD);
    try (NKey key = NKey.fromSeed(c.get("expected_seed").asText())) {
      Creds creds = Creds.of(c.get("expected_jwt").asText(), key);
      assertNotSame(key, creds.userKey());
      creds.close();
      assertFalse(key.isWiped());
    }
  }

  // ---------------------------------------------------------------- writing

  @ParameterizedTest(name = "{0}")
  @MethodSource("formatUserConfigCases")
  void format_referenceOutput_reproducedByteForByte(String file, JsonNode c) {
    char[] seed = c.get("expected_seed").asText().toCharArray();
    try (Creds creds = Creds.of(c.get("expected_jwt").asText(), seed)) {
      assertArrayEquals(bytes(file), creds.formatBytes());
      assertEquals(text(file), new String(creds.format()));
    }
    assertArrayEquals(
        bytes(file),
        new String(CredsFormat.formatUserConfig(c.get("expected_jwt").asText(), seed))
            .getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void format_standardVector_reproducesStandardCredsByteForByte() {
    JsonNode c = creds(STANDARD);
    assertEquals("exactly what jwt.FormatUserConfig produces", c.get("description").asText());
    char[] seed = ("  " + c.get("expected_seed").asText() + "\n").toCharArray();

    char[] out = CredsFormat.formatUserConfig(c.get("expected_jwt").asText(), seed);

    assertArrayEquals(bytes(STANDARD), new String(out).getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void format_calledTwice_returnsSeparateArrays() {
    try (Creds creds = Creds.parse(bytes(STANDARD))) {
      char[] a = creds.format();
      char[] b = creds.format();
      assertNotSame(a, b);
      Arrays.fill(a, '\0');
      assertEquals(text(STANDARD), new String(b));
    }
  }

  @Test
  void writeTo_newFile_writesReferenceBytesOwnerOnly() throws IOException {
    Path file = dir.resolve("alice.creds");
    try (Creds creds = Creds.parse(bytes(STANDARD))) {
      creds.writeTo(file);
    }

    assertArrayEquals(bytes(STANDARD), Files.readAllBytes(file));
    assumeTrue(file.getFileSystem().supportedFileAttributeViews().contains("posix"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    try (Creds back = Creds.read(file)) {
      assertEquals(creds(STANDARD).get("expected_jwt").asText(), back.jwt());
    }
  }

  @Test
  void writeTo_existingFile_refusesAndKeepsIt() throws IOException {
    Path file = dir.resolve("alice.creds");
    Files.writeString(file, "keep me");
    try (Creds creds = Creds.parse(bytes(STANDARD))) {
      CredsFileException e = assertThrows(CredsFileException.class, () -> creds.writeTo(file));
      assertEquals(String.format(CredsFileException.EXISTS, file), e.getMessage());
    }
    assertEquals("keep me", Files.readString(file));
  }

  @Test
  void writeTo_replace_replacesOwnerOnly() throws IOException {
    Path file = dir.resolve("alice.creds");
    Files.writeString(file, "old");
    try (Creds creds = Creds.parse(bytes(STANDARD))) {
      creds.writeTo(file, true);
    }

    assertArrayEquals(bytes(STANDARD), Files.readAllBytes(file));
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(file), left.toList(), "no temporary file left behind");
    }
    assumeTrue(file.getFileSystem().supportedFileAttributeViews().contains("posix"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void writeTo_missingDirectory_throwsCredsFileException() {
    Path file = dir.resolve("no/such/dir/alice.creds");
    try (Creds creds = Creds.parse(bytes(STANDARD))) {
      CredsFileException e = assertThrows(CredsFileException.class, () -> creds.writeTo(file));
      assertEquals(
          String.format(CredsFileException.CANNOT_WRITE, file, "its directory does not exist"),
          e.getMessage());
    }
  }

  @Test
  void of_accountJwt_throwsNotUserJwt() {
    // Go: "\"account\" cannot be serialized as a user config".
    JsonNode account = CredsVectors.jwt("account_minimal");
    char[] seed = creds(STANDARD).get("expected_seed").asText().toCharArray();

    CredsFormatException e =
        assertThrows(CredsFormatException.class, () -> Creds.of(account.get("jwt").asText(), seed));

    assertEquals(CredsErrorCode.NOT_USER_JWT, e.code());
    assertEquals(OptionalInt.empty(), e.line());
    assertEquals(
        String.format(CredsFormatException.NOT_USER_JWT, "creds", "account"), e.getMessage());
  }

  @Test
  void of_accountSeed_throwsWrongSeedType() {
    // Go: "nkey seed is not an user seed".
    JsonNode account = CredsVectors.jwt("account_minimal");
    char[] seed = account.get("subject_seed").asText().toCharArray();

    CredsFormatException e =
        assertThrows(
            CredsFormatException.class,
            () -> Creds.of(creds(STANDARD).get("expected_jwt").asText(), seed));

    assertEquals(CredsErrorCode.WRONG_SEED_TYPE, e.code());
    assertEquals(
        String.format(CredsFormatException.NOT_USER_SEED, "creds", "an account", "A"),
        e.getMessage());
  }

  @Test
  void of_seedOfAnotherUser_throwsKeyMismatch() {
    // Go (v2.8.1 and later): "nkey seed does not match the jwt subject".
    char[] other = creds("user_scoped.creds").get("expected_seed").asText().toCharArray();

    CredsKeyMismatchException e =
        assertThrows(
            CredsKeyMismatchException.class,
            () -> Creds.of(creds(STANDARD).get("expected_jwt").asText(), other));

    assertTrue(e.getMessage().startsWith("creds: the seed's public key "), e.getMessage());
    assertNoSeed(e.getMessage());
  }

  @Test
  void of_publicOnlyKey_throwsInvalidSeed() {
    JsonNode c = creds(STANDARD);
    NKey pub = NKey.fromPublicKey(c.get("expected_user_public_key").asText());

    CredsFormatException e =
        assertThrows(
            CredsFormatException.class, () -> Creds.of(c.get("expected_jwt").asText(), pub));

    assertEquals(CredsErrorCode.INVALID_SEED, e.code());
    assertEquals(String.format(CredsFormatException.NO_SEED_IN_KEY, "creds"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"\n", " ", "\r"})
  void of_jwtWithWhiteSpaceInside_throwsInvalidJwt(String ws) {
    // Jwt.decode tolerates CR and LF inside a token as the reference does; the file would not.
    JsonNode c = creds(STANDARD);
    String jwt = c.get("expected_jwt").asText();
    String broken = jwt.substring(0, 100) + ws + jwt.substring(100);
    char[] seed = c.get("expected_seed").asText().toCharArray();

    CredsFormatException e = assertThrows(CredsFormatException.class, () -> Creds.of(broken, seed));

    assertEquals(CredsErrorCode.INVALID_JWT, e.code());
    assertEquals(String.format(CredsFormatException.JWT_CHARACTERS, "creds", 100), e.getMessage());
  }

  // ---------------------------------------------------------------- using

  @Test
  void signNonce_serverNonce_isEd25519OfTheNonceBytesInBase64UrlWithoutPadding() throws Exception {
    JsonNode c = creds(STANDARD);
    String nonce = "m5vtASyOUs-aNqY"; // 15 characters, as a server sends
    byte[] nonceBytes = nonce.getBytes(StandardCharsets.US_ASCII);
    // Independent signer: the JDK's own Ed25519 with the raw seed.
    byte[] raw;
    try (NKey k = NKey.fromSeed(c.get("expected_seed").asText())) {
      raw = k.rawSeed();
    }
    PrivateKey jdkKey =
        KeyFactory.getInstance("Ed25519")
            .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, raw));
    Signature jdk = Signature.getInstance("Ed25519");
    jdk.initSign(jdkKey);
    jdk.update(nonceBytes);
    String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(jdk.sign());

    try (Creds creds = Creds.parse(bytes(STANDARD))) {
      assertEquals(expected, creds.signNonce(nonce));
      assertEquals(expected, creds.signNonce(nonceBytes));
      assertFalse(expected.contains("="));
      assertTrue(
          NKey.fromPublicKey(creds.claims().subject())
              .verify(nonceBytes, Base64.getUrlDecoder().decode(creds.signNonce(nonce))));
    }
  }

  @Test
  void accessors_v1UserCreds_giveDecodedV1Token() {
    try (Creds creds = Creds.parse(bytes("v1_user.creds"))) {
      assertTrue(creds.decodedJwt().isV1());
      assertEquals("v1-user", creds.claims().name());
      assertEquals(creds.jwt(), creds.decodedJwt().token());
    }
  }

  @Test
  void toString_showsPublicFactsButNeverTheSeedOrToken() {
    JsonNode c = creds("user_scoped.creds");
    Creds creds = Creds.parse(bytes("user_scoped.creds"));
    String s = creds.toString();

    assertTrue(s.contains(c.get("expected_user_public_key").asText()), s);
    assertTrue(s.contains("name=svc-worker"), s);
    assertTrue(s.contains("issuerAccount=A"), s);
    assertFalse(s.contains(c.get("expected_jwt").asText()));
    assertNoSeed(s);
    creds.close();
    assertTrue(creds.toString().endsWith(", closed]"));
    assertNotEquals(creds, Creds.parse(bytes("user_scoped.creds")));
  }
}
