package io.github.natsjwt.creds;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Finds the JWT and the seed in the text of a creds file (spec claims.md section 5.2), without
 * copying the text: the caller owns it and wipes it.
 *
 * <p>A block is a line of at least three dashes, any text and at least three dashes; one token
 * line; and another such line. Unlike the reference's regular expression, lines are trimmed (so
 * indented files, CRLF and trailing spaces work), a lone CR ends a line too, blank lines inside a
 * block are skipped, and blocks are told apart by their content rather than their order: a token
 * with dots is a JWT, a token starting with {@code S} is a seed. So a file with the seed first, or
 * with a blank line after a marker, gives the right values where the reference gives wrong ones.
 * Where the reference would also guess (a token wrapped over several lines, two JWTs), this class
 * refuses.
 *
 * <p>Without a JWT block, a bare line that looks like a JWT is taken; without a seed block, a bare
 * line of 58 base32 characters starting with {@code S} (as the reference's line scan, but only
 * whole seeds).
 */
final class CredsText {
  /** A token on one line: its trimmed range in the text and its 1-based line number. */
  record Token(int start, int end, int line) {}

  private static final int SEED_CHARS = 58;

  private final char[] text;
  private final String source;
  private final int[] rawStart;
  private final int[] start;
  private final int[] end;
  private final int lines;
  private final List<Token> jwtBlocks = new ArrayList<>();
  private final List<Token> seedBlocks = new ArrayList<>();
  private final List<Token> bareJwts = new ArrayList<>();
  private final List<Token> bareSeeds = new ArrayList<>();
  private @Nullable String hint;

  private CredsText(char[] text, String source) {
    this.text = text;
    this.source = source;
    int n = 1;
    for (int p = 0; p < text.length; p++) {
      if (isBreak(text, p)) {
        n++;
      }
    }
    lines = n;
    rawStart = new int[n];
    start = new int[n];
    end = new int[n];
    int s = 0;
    for (int i = 0; i < n; i++) {
      int e = s;
      while (e < text.length && !isBreak(text, e)) {
        e++;
      }
      rawStart[i] = s;
      int a = s;
      int b = e;
      while (a < b && isSpace(text[a])) {
        a++;
      }
      while (b > a && isSpace(text[b - 1])) {
        b--;
      }
      start[i] = a;
      end[i] = b;
      s = e + 1;
    }
  }

  /**
   * Whether the character at p ends a line: every LF, and a CR on its own (old Mac files). A CR
   * next to an LF (CRLF, or LFCR) is part of that line break and trimmed as space, so line numbers
   * are those an editor shows.
   */
  private static boolean isBreak(char[] text, int p) {
    char c = text[p];
    if (c == '\n') {
      return true;
    }
    return c == '\r'
        && (p + 1 == text.length || text[p + 1] != '\n')
        && (p == 0 || text[p - 1] != '\n');
  }

  /**
   * Scans text for blocks and bare tokens.
   *
   * @param text the whole input; read, not changed or kept beyond the returned object
   * @param source how messages name the input, for example {@code "creds file 'a.creds'"}
   * @return the scan
   * @throws CredsFormatException when a block holds a token wrapped over several lines
   */
  static CredsText scan(char[] text, String source) {
    CredsText t = new CredsText(text, source);
    t.findBlocks();
    return t;
  }

  /** Returns how messages name the input, with a line number when there is one. */
  String where(int line) {
    return line > 0 ? source + ", line " + line : source;
  }

  /**
   * Returns the one JWT: from a block, or else from a bare line.
   *
   * @throws CredsFormatException when there is none, or more than one
   */
  Token jwt() {
    return single(jwtBlocks.isEmpty() ? bareJwts : jwtBlocks, "jwt", "JWT", CredsErrorCode.NO_JWT);
  }

  /**
   * Returns the one seed: from a block, or else from a bare line.
   *
   * @throws CredsFormatException when there is none, or more than one
   */
  Token seed() {
    return single(
        seedBlocks.isEmpty() ? bareSeeds : seedBlocks, "seed", "seed", CredsErrorCode.NO_SEED);
  }

  /** Returns a token as a string; only for tokens that are not secret (JWTs). */
  String string(Token t) {
    return new String(text, t.start(), t.end() - t.start());
  }

  private Token single(List<Token> found, String part, String name, CredsErrorCode none) {
    if (found.isEmpty()) {
      String template =
          none == CredsErrorCode.NO_JWT
              ? CredsFormatException.NO_JWT
              : CredsFormatException.NO_SEED;
      throw new CredsFormatException(
          none, part, 0, String.format(template, source, hint == null ? "" : hint));
    }
    if (found.size() > 1) {
      String at =
          found.stream().map(t -> Integer.toString(t.line())).collect(Collectors.joining(", "));
      throw new CredsFormatException(
          CredsErrorCode.AMBIGUOUS,
          part,
          found.get(1).line(),
          String.format(CredsFormatException.AMBIGUOUS, source, found.size(), name, at));
    }
    return found.get(0);
  }

  private void findBlocks() {
    int i = 0;
    while (i < lines) {
      if (!isMarker(i)) {
        bare(i);
        i++;
        continue;
      }
      int first = skipBlank(i + 1);
      int k = first;
      while (k < lines && !isBlank(k) && !isMarker(k)) {
        k++;
      }
      int body = k - first;
      int close = skipBlank(k);
      if (body > 0 && close < lines && isMarker(close)) {
        if (allTokens(first, k)) {
          if (body == 1) {
            block(i, first, close);
            i = close + 1;
            continue;
          }
          if (looksLikeKeyOrJwt(first)) {
            throw new CredsFormatException(
                CredsErrorCode.WRAPPED_TOKEN,
                wrappedPart(i, first),
                first + 1,
                String.format(CredsFormatException.WRAPPED, source, first + 1, k, body));
          }
        } else if (body == 1 && hint == null) {
          int col = firstNonToken(first) - rawStart[first] + 1;
          hint = String.format(CredsFormatException.SKIPPED_HINT, i + 1, close + 1, first + 1, col);
        }
      }
      bare(i);
      i++;
    }
  }

  private void block(int open, int body, int close) {
    Token t = new Token(start[body], end[body], body + 1);
    if (contains(body, '.')) {
      jwtBlocks.add(t);
    } else if (text[start[body]] == 'S') {
      seedBlocks.add(t);
    } else if (hint == null) {
      hint =
          " (lines "
              + (open + 1)
              + "-"
              + (close + 1)
              + " are a block that holds neither a JWT nor a seed)";
    }
  }

  private void bare(int i) {
    int len = end[i] - start[i];
    if (len == SEED_CHARS && text[start[i]] == 'S' && allBase32(i)) {
      bareSeeds.add(new Token(start[i], end[i], i + 1));
    } else if (len > 2
        && text[start[i]] == 'e'
        && text[start[i] + 1] == 'y'
        && firstNonToken(i) < 0
        && count(i, '.') == 2) {
      bareJwts.add(new Token(start[i], end[i], i + 1));
    }
  }

  /**
   * Names what a block with a wrapped token holds: by its opening marker ({@code -----BEGIN NATS
   * USER JWT-----} or {@code -----BEGIN USER NKEY SEED-----}), or, for other marker text, by how
   * the token starts (a JWT's JSON header is {@code ey...}, a seed {@code S...}). Not by dots: the
   * first line of a JWT wrapped early has none.
   */
  private String wrappedPart(int marker, int first) {
    boolean jwt = markerHas(marker, "JWT");
    boolean seed = markerHas(marker, "SEED") || markerHas(marker, "NKEY");
    if (jwt != seed) {
      return jwt ? "jwt" : "seed";
    }
    return text[start[first]] == 'e' ? "jwt" : "seed";
  }

  private boolean markerHas(int i, String word) {
    outer:
    for (int p = start[i]; p + word.length() <= end[i]; p++) {
      for (int k = 0; k < word.length(); k++) {
        if (Character.toUpperCase(text[p + k]) != word.charAt(k)) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private boolean looksLikeKeyOrJwt(int i) {
    int len = end[i] - start[i];
    return len >= 2
        && ((text[start[i]] == 'e' && text[start[i] + 1] == 'y')
            || (text[start[i]] == 'S' && allBase32(i)));
  }

  private int skipBlank(int i) {
    while (i < lines && isBlank(i)) {
      i++;
    }
    return i;
  }

  private boolean isBlank(int i) {
    return start[i] == end[i];
  }

  private boolean isMarker(int i) {
    int s = start[i];
    int e = end[i];
    return e - s >= 6
        && text[s] == '-'
        && text[s + 1] == '-'
        && text[s + 2] == '-'
        && text[e - 1] == '-'
        && text[e - 2] == '-'
        && text[e - 3] == '-';
  }

  private boolean allTokens(int from, int to) {
    for (int i = from; i < to; i++) {
      if (firstNonToken(i) >= 0) {
        return false;
      }
    }
    return true;
  }

  /** Returns the text index of the first character that cannot be in a token, or -1. */
  private int firstNonToken(int i) {
    for (int p = start[i]; p < end[i]; p++) {
      if (!isTokenChar(text[p])) {
        return p;
      }
    }
    return -1;
  }

  private boolean allBase32(int i) {
    for (int p = start[i]; p < end[i]; p++) {
      char c = text[p];
      if (!((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7'))) {
        return false;
      }
    }
    return true;
  }

  private boolean contains(int i, char c) {
    return count(i, c) > 0;
  }

  private int count(int i, char c) {
    int n = 0;
    for (int p = start[i]; p < end[i]; p++) {
      if (text[p] == c) {
        n++;
      }
    }
    return n;
  }

  /** The characters of a block's token in the reference: {@code [\w\-.=]}, ASCII only. */
  static boolean isTokenChar(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '-'
        || c == '.'
        || c == '=';
  }

  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0B;
  }
}
