package io.github.natsjwt.trust;

import static io.github.natsjwt.trust.ResolverFixtures.A;
import static io.github.natsjwt.trust.ResolverFixtures.ACCOUNT;
import static io.github.natsjwt.trust.ResolverFixtures.B;
import static io.github.natsjwt.trust.ResolverFixtures.NOW;
import static io.github.natsjwt.trust.ResolverFixtures.OTHER_ACCOUNT;
import static io.github.natsjwt.trust.ResolverFixtures.accountJwt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.natsjwt.jwt.Jwt;
import io.github.natsjwt.nkey.NKey;
import io.github.natsjwt.nkey.NKeyType;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DirectoryAccountResolverTest {
  private static final String JWT_A = accountJwt(ACCOUNT);

  @TempDir Path dir;
  private DirectoryAccountResolver store;

  @BeforeEach
  void open() {
    store = DirectoryAccountResolver.open(dir);
  }

  private Path file(String key) {
    return dir.resolve(key + ".jwt");
  }

  private void write(Path p, String content) throws IOException {
    Files.writeString(p, content, StandardCharsets.ISO_8859_1);
  }

  private List<String> dirListing() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  // --- opening ---

  @Test
  void open_missingDirectory_throwsNamingIt() {
    Path missing = dir.resolve("nope");
    AccountResolutionException e =
        assertThrows(
            AccountResolutionException.class, () -> DirectoryAccountResolver.open(missing));
    assertEquals("", e.account());
    assertTrue(e.getMessage().contains(missing + " does not exist"), e.getMessage());
    assertTrue(e.getMessage().contains("createIfMissing(true)"), e.getMessage());
    assertFalse(Files.exists(missing));
  }

  @Test
  void open_regularFile_throwsNotADirectory() throws IOException {
    Path f = dir.resolve("plain");
    write(f, "x");
    AccountResolutionException e =
        assertThrows(AccountResolutionException.class, () -> DirectoryAccountResolver.open(f));
    assertTrue(e.getMessage().endsWith("is not a directory."), e.getMessage());
  }

  @Test
  void build_createIfMissing_createsDirectoryWithParents() {
    Path nested = dir.resolve("a/b/jwt");
    DirectoryAccountResolver r =
        DirectoryAccountResolver.builder(nested).createIfMissing(true).build();
    assertTrue(Files.isDirectory(nested));
    assertEquals(nested.toAbsolutePath().normalize(), r.directory());
    assertTrue(r.store(A, JWT_A));
    assertEquals(Optional.of(JWT_A), r.fetch(A));
  }

  @Test
  void maxTokenBytes_outOfRange_throwsIllegalArgument() {
    DirectoryAccountResolver.Builder b = DirectoryAccountResolver.builder(dir);
    assertThrows(IllegalArgumentException.class, () -> b.maxTokenBytes(0));
    assertThrows(IllegalArgumentException.class, () -> b.maxTokenBytes(Jwt.MAX_TOKEN_BYTES + 1));
    assertEquals(Jwt.MAX_TOKEN_BYTES, store.maxTokenBytes());
  }

  // --- reading ---

  @Test
  void fetch_noFile_returnsEmpty() {
    assertEquals(Optional.empty(), store.fetch(A));
  }

  @Test
  void fetch_fileWrittenLikeTheServer_returnsToken() throws IOException {
    write(file(A), JWT_A);
    assertEquals(Optional.of(JWT_A), store.fetch(A));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\n", "\r\n", "\n\n"})
  void fetch_trailingLineBreak_returnsTokenOnly(String end) throws IOException {
    write(file(A), JWT_A + end);
    assertEquals(Optional.of(JWT_A), store.fetch(A));
  }

  @Test
  void fetch_directoryRemovedAfterOpen_throwsNamingDirectory() throws IOException {
    Path sub = Files.createDirectory(dir.resolve("sub"));
    DirectoryAccountResolver r = DirectoryAccountResolver.open(sub);
    Files.delete(sub);
    AccountResolutionException e = assertThrows(AccountResolutionException.class, () -> r.fetch(A));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    assertEquals(A, e.account());
  }

  @Test
  void fetch_emptyFile_throwsInvalidAccountJwt() throws IOException {
    write(file(A), "");
    InvalidAccountJwtException e =
        assertThrows(InvalidAccountJwtException.class, () -> store.fetch(A));
    assertEquals(
        "File "
            + file(A)
            + " for account "
            + A
            + " is empty; expected the raw account JWT"
            + " (three base64url segments separated by '.').",
        e.getMessage());
  }

  @Test
  void fetch_decoratedFile_throwsInvalidAccountJwtWithoutEchoingContent() throws IOException {
    String decorated =
        "-----BEGIN NATS ACCOUNT JWT-----\n" + JWT_A + "\n------END NATS ACCOUNT JWT------\n";
    write(file(A), decorated);
    InvalidAccountJwtException e =
        assertThrows(InvalidAccountJwtException.class, () -> store.fetch(A));
    assertTrue(
        e.getMessage().contains("is not a JWT: byte 0x20 (' ') at offset 10"), e.getMessage());
    assertFalse(e.getMessage().contains(JWT_A));
  }

  @Test
  void fetch_binaryJunk_throwsInvalidAccountJwt() throws IOException {
    Files.write(file(A), new byte[] {'e', 'y', 0, (byte) 0xff});
    InvalidAccountJwtException e =
        assertThrows(InvalidAccountJwtException.class, () -> store.fetch(A));
    assertTrue(e.getMessage().contains("byte 0x00 at offset 2"), e.getMessage());
  }

  @Test
  void fetch_fileLargerThanOneMebibyte_throwsBeforeReadingIt() throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file(A).toFile(), "rw")) {
      f.setLength(Jwt.MAX_TOKEN_BYTES + 3L);
    }
    InvalidAccountJwtException e =
        assertThrows(InvalidAccountJwtException.class, () -> store.fetch(A));
    assertEquals(
        "File "
            + file(A)
            + " for account "
            + A
            + " is 1048579 bytes, larger than the 1048576-byte"
            + " limit for an account JWT; replace it with the raw account JWT.",
        e.getMessage());
  }

  @Test
  void fetch_tokenOverConfiguredLimit_throwsInvalidAccountJwt() throws IOException {
    write(file(A), JWT_A);
    DirectoryAccountResolver small =
        DirectoryAccountResolver.builder(dir).maxTokenBytes(JWT_A.length() - 1).build();
    InvalidAccountJwtException e =
        assertThrows(InvalidAccountJwtException.class, () -> small.fetch(A));
    assertTrue(e.getMessage().contains("larger than the"), e.getMessage());
    DirectoryAccountResolver exact =
        DirectoryAccountResolver.builder(dir).maxTokenBytes(JWT_A.length()).build();
    assertEquals(Optional.of(JWT_A), exact.fetch(A));
  }

  @Test
  void fetch_directoryNamedLikeTheFile_throwsNotARegularFile() throws IOException {
    Files.createDirectory(file(A));
    AccountResolutionException e =
        assertThrows(AccountResolutionException.class, () -> store.fetch(A));
    assertTrue(e.getMessage().contains("is not a regular file"), e.getMessage());
  }

  @Test
  void fetch_onlyDeletedFile_returnsEmpty() throws IOException {
    write(dir.resolve(A + ".jwt.deleted"), JWT_A);
    assertEquals(Optional.empty(), store.fetch(A));
  }

  @Test
  void fetch_fileInSubdirectory_isNotRead() throws IOException {
    Path shard = Files.createDirectory(dir.resolve(A.substring(A.length() - 2)));
    write(shard.resolve(A + ".jwt"), JWT_A);
    assertEquals(Optional.empty(), store.fetch(A));
    assertEquals(List.of(), store.list());
  }

  static Stream<String> hostileKeys() {
    return Stream.of(
        "../" + A,
        "../outside",
        A + "/../" + A,
        "/etc/passwd",
        "",
        ".",
        A.toLowerCase(java.util.Locale.ROOT),
        ResolverFixtures.OPERATOR.publicKey(),
        A + "\u0000",
        "..\\" + A);
  }

  @ParameterizedTest
  @MethodSource("hostileKeys")
  void fetch_hostileKey_throwsWithoutReadingAnyFile(String key) throws IOException {
    // A file that a traversal would reach: it must never be returned.
    Path parentFile = dir.getParent().resolve("outside.jwt");
    write(parentFile, JWT_A);
    try {
      AccountResolutionException e =
          assertThrows(AccountResolutionException.class, () -> store.fetch(key));
      assertFalse(e instanceof InvalidAccountJwtException);
      assertTrue(e.getMessage().contains("no file is read for it"), e.getMessage());
    } finally {
      Files.delete(parentFile);
    }
  }

  @ParameterizedTest
  @MethodSource("hostileKeys")
  void storeAndDelete_hostileKey_throwWithoutTouchingDisk(String key) throws IOException {
    assertThrows(AccountResolutionException.class, () -> store.store(key, JWT_A));
    assertThrows(AccountResolutionException.class, () -> store.storeIfNewer(key, JWT_A));
    assertThrows(AccountResolutionException.class, () -> store.delete(key));
    assertThrows(AccountResolutionException.class, () -> store.hardDelete(key));
    assertEquals(List.of(), dirListing());
  }

  // --- listing ---

  @Test
  void list_mixedDirectory_returnsOnlyAccountFilesSorted() throws IOException {
    NKey third = ResolverFixtures.key(NKeyType.ACCOUNT, 40);
    write(file(B), "anything");
    write(file(A), JWT_A);
    write(dir.resolve("foo.jwt"), JWT_A);
    write(dir.resolve(ResolverFixtures.OPERATOR.publicKey() + ".jwt"), JWT_A);
    write(dir.resolve(third.publicKey() + ".jwt.deleted"), JWT_A);
    write(dir.resolve("." + third.publicKey() + ".123.tmp"), JWT_A);
    write(dir.resolve(third.publicKey()), JWT_A);
    Files.createDirectory(file(ResolverFixtures.key(NKeyType.ACCOUNT, 41).publicKey()));
    List<String> expected = new ArrayList<>(List.of(A, B));
    expected.sort(null);
    assertEquals(expected, store.list());
  }

  @Test
  void list_directoryRemoved_throws() throws IOException {
    Path sub = Files.createDirectory(dir.resolve("sub"));
    DirectoryAccountResolver r = DirectoryAccountResolver.open(sub);
    Files.delete(sub);
    AccountResolutionException e = assertThrows(AccountResolutionException.class, r::list);
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }

  // --- storing ---

  @Test
  void store_newAccount_writesRawTokenWithoutNewline() throws IOException {
    assertTrue(store.store(A, JWT_A));
    assertArrayEquals(JWT_A.getBytes(StandardCharsets.US_ASCII), Files.readAllBytes(file(A)));
    assertEquals(List.of(A + ".jwt"), dirListing());
  }

  @Test
  void store_onPosix_fileIsReadableByAllLikeTheServersFiles() throws IOException {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    store.store(A, JWT_A);
    String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(file(A)));
    assertTrue(perms.startsWith("rw-r"), perms);
  }

  @Test
  void store_sameToken_returnsFalse() {
    assertTrue(store.store(A, JWT_A));
    assertFalse(store.store(A, JWT_A));
    assertFalse(store.storeIfNewer(A, JWT_A));
  }

  @Test
  void store_olderToken_overwritesAsAPush() {
    String newer = accountJwt(ACCOUNT, NOW.plusSeconds(60));
    store.store(A, newer);
    assertTrue(store.store(A, JWT_A));
    assertEquals(Optional.of(JWT_A), store.fetch(A));
  }

  @Test
  void store_jwtOfAnotherAccount_throwsAndWritesNothing() throws IOException {
    InvalidAccountJwtException e =
        assertThrows(
            InvalidAccountJwtException.class, () -> store.store(A, accountJwt(OTHER_ACCOUNT)));
    assertTrue(e.getMessage().startsWith("JWT to store for account " + A), e.getMessage());
    assertEquals(List.of(), dirListing());
  }

  @Test
  void store_notAnAccountJwt_throwsAndKeepsExisting() throws IOException {
    store.store(A, JWT_A);
    assertThrows(InvalidAccountJwtException.class, () -> store.store(A, "not.a.jwt"));
    assertThrows(
        InvalidAccountJwtException.class, () -> store.store(A, ResolverFixtures.userJwt()));
    assertEquals(Optional.of(JWT_A), store.fetch(A));
    assertEquals(List.of(A + ".jwt"), dirListing());
  }

  @Test
  void store_overConfiguredLimit_throws() {
    DirectoryAccountResolver small =
        DirectoryAccountResolver.builder(dir).maxTokenBytes(100).build();
    InvalidAccountJwtException e =
        assertThrows(InvalidAccountJwtException.class, () -> small.store(A, JWT_A));
    assertTrue(e.getMessage().contains("larger than this resolver's 100-byte limit"));
  }

  @Test
  void store_overExistingDirectoryEntry_throwsAccountResolution() throws IOException {
    Files.createDirectory(file(A));
    assertThrows(AccountResolutionException.class, () -> store.store(A, JWT_A));
  }

  // --- only if newer (spec 1.4: kept if same jti or greater iat) ---

  @Test
  void storeIfNewer_noFile_writes() {
    assertTrue(store.storeIfNewer(A, JWT_A));
    assertEquals(Optional.of(JWT_A), store.fetch(A));
  }

  @Test
  void storeIfNewer_existingHasGreaterIat_keepsExisting() {
    String newer = accountJwt(ACCOUNT, NOW.plusSeconds(1));
    store.store(A, newer);
    assertFalse(store.storeIfNewer(A, JWT_A));
    assertEquals(Optional.of(newer), store.fetch(A));
  }

  @Test
  void storeIfNewer_incomingHasGreaterIat_replaces() {
    String newer = accountJwt(ACCOUNT, NOW.plusSeconds(1));
    store.store(A, JWT_A);
    assertTrue(store.storeIfNewer(A, newer));
    assertEquals(Optional.of(newer), store.fetch(A));
  }

  @Test
  void storeIfNewer_sameIatDifferentJti_replaces() {
    String renamed = accountJwt(ACCOUNT, NOW, "renamed");
    store.store(A, JWT_A);
    assertTrue(store.storeIfNewer(A, renamed));
    assertEquals(Optional.of(renamed), store.fetch(A));
  }

  @Test
  void storeIfNewer_sameJtiGreaterIat_keepsExisting() {
    String later =
        ResolverFixtures.resignedWithPayloadEdit(
            JWT_A, "\"iat\":" + NOW.getEpochSecond(), "\"iat\":" + (NOW.getEpochSecond() + 100));
    assertEquals(
        Jwt.decode(JWT_A).claims().id(), Jwt.decode(later).claims().id(), "same jti, by design");
    store.store(A, JWT_A);
    assertFalse(store.storeIfNewer(A, later));
    assertEquals(Optional.of(JWT_A), store.fetch(A));
    assertTrue(store.store(A, later), "a push ignores the rule");
  }

  @Test
  void storeIfNewer_existingFileIsJunk_replaces() throws IOException {
    write(file(A), "<html>junk</html>");
    assertTrue(store.storeIfNewer(A, JWT_A));
    assertEquals(Optional.of(JWT_A), store.fetch(A));
  }

  @Test
  void storeIfNewer_existingTokenDoesNotVerify_replaces() throws IOException {
    String newer = accountJwt(ACCOUNT, NOW.plusSeconds(100));
    // Well-formed but with another token's signature: the server's decoder fails it, so replaces.
    String forged =
        newer.substring(0, newer.lastIndexOf('.')) + JWT_A.substring(JWT_A.lastIndexOf('.'));
    write(file(A), forged);
    assertTrue(store.storeIfNewer(A, JWT_A));
    assertEquals(Optional.of(JWT_A), store.fetch(A));
  }

  @Test
  void storeIfNewer_manyThreadsOneInstance_newestWins() throws Exception {
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      tokens.add(accountJwt(ACCOUNT, NOW.plusSeconds(i)));
    }
    String newest = tokens.get(tokens.size() - 1);
    java.util.Collections.reverse(tokens);
    java.util.Collections.shuffle(tokens, new java.util.Random(7));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (String t : tokens) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return store.storeIfNewer(A, t);
                }));
      }
      start.countDown();
      for (Future<Boolean> f : results) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(Optional.of(newest), store.fetch(A));
    assertEquals(List.of(A + ".jwt"), dirListing(), "no temporary file is left behind");
  }

  @Test
  void fetch_whileAnotherThreadRewrites_neverSeesAPartialFile() throws Exception {
    // Two tokens of different lengths: a torn read would be neither.
    String small = JWT_A;
    String big = accountJwt(ACCOUNT, NOW.plusSeconds(1), "n".repeat(20_000));
    Set<String> allowed = Set.of(small, big);
    store.store(A, small);
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      Future<Integer> writer =
          pool.submit(
              () -> {
                int n = 0;
                for (; n < 100; n++) {
                  store.store(A, n % 2 == 0 ? big : small);
                }
                stop.set(true);
                return n;
              });
      List<Future<Integer>> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        readers.add(
            pool.submit(
                () -> {
                  int reads = 0;
                  while (!stop.get()) {
                    String got = store.fetch(A).orElseThrow();
                    if (!allowed.contains(got)) {
                      throw new AssertionError("torn read of " + got.length() + " chars");
                    }
                    reads++;
                  }
                  return reads;
                }));
      }
      assertEquals(100, writer.get(60, TimeUnit.SECONDS));
      for (Future<Integer> r : readers) {
        assertTrue(r.get(60, TimeUnit.SECONDS) >= 0);
      }
    } finally {
      stop.set(true);
      pool.shutdownNow();
    }
    assertEquals(List.of(A + ".jwt"), dirListing());
  }

  // --- deleting ---

  @Test
  void delete_existing_renamesToDeletedAndHidesIt() throws IOException {
    store.store(A, JWT_A);
    assertTrue(store.delete(A));
    assertEquals(Optional.empty(), store.fetch(A));
    assertEquals(List.of(), store.list());
    assertEquals(List.of(A + ".jwt.deleted"), dirListing());
    assertEquals(JWT_A, Files.readString(dir.resolve(A + ".jwt.deleted")));
  }

  @Test
  void delete_twice_secondFindsNothingAndDeletedFileIsReplacedByNextDelete() throws IOException {
    String newer = accountJwt(ACCOUNT, NOW.plusSeconds(5));
    store.store(A, JWT_A);
    assertTrue(store.delete(A));
    assertFalse(store.delete(A));
    store.store(A, newer);
    assertTrue(store.delete(A));
    assertEquals(newer, Files.readString(dir.resolve(A + ".jwt.deleted")));
  }

  @Test
  void hardDelete_existing_removesFile() throws IOException {
    store.store(A, JWT_A);
    assertTrue(store.hardDelete(A));
    assertFalse(store.hardDelete(A));
    assertEquals(List.of(), dirListing());
  }

  @Test
  void delete_missing_returnsFalse() {
    assertFalse(store.delete(A));
    assertFalse(store.hardDelete(A));
  }

  @Test
  void toString_namesDirectoryOnly() {
    assertEquals("DirectoryAccountResolver[" + store.directory() + "]", store.toString());
  }
}
