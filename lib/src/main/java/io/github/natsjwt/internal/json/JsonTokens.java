package io.github.natsjwt.internal.json;

import java.util.Arrays;

/**
 * The tokens of a JSON object as written, for tools that show or edit JSON and must keep its text:
 * member order, duplicate keys, escapes and the digits of numbers. The command-line tool prints a
 * token's payload and completes a claims file with it. The document is checked by the library's one
 * reader ({@link JsonTape}), so that it accepts exactly what {@link JsonIn} accepts and refuses the
 * rest with the same {@link JsonIn.SyntaxException}.
 *
 * <p>Immutable and thread-safe. A token is named by its index: {@link #root()} is the object;
 * {@link #first}, {@link #end} and {@link #next} walk a container's tokens (key, value, key, value,
 * ... in an object), without recursion.
 */
public final class JsonTokens {
  private final JsonTape doc;

  private JsonTokens(JsonTape doc) {
    this.doc = doc;
  }

  /**
   * Reads UTF-8 bytes that must hold one JSON object.
   *
   * @param utf8 the document; kept, so it must not change afterwards
   * @return the tokens
   * @throws JsonIn.SyntaxException when the bytes are not one JSON object; it says why and where
   */
  public static JsonTokens parse(byte[] utf8) {
    JsonTape doc = JsonTape.check(utf8, utf8.length);
    if (doc.failure != JsonTape.NONE) {
      throw JsonSyntax.exception(doc, "");
    }
    return new JsonTokens(doc);
  }

  /**
   * Returns the index of the document's object.
   *
   * @return the root's index
   */
  public int root() {
    return 0;
  }

  /**
   * Returns whether the token is an object.
   *
   * @param i a token's index
   * @return {@code true} for an object
   */
  public boolean isObject(int i) {
    return doc.kind(i) == '{';
  }

  /**
   * Returns whether the token is an array.
   *
   * @param i a token's index
   * @return {@code true} for an array
   */
  public boolean isArray(int i) {
    return doc.kind(i) == '[';
  }

  /**
   * Returns the index of a container's first token; equal to {@link #end} when it is empty.
   *
   * @param container the index of an object or array
   * @return the index of its first token
   */
  public int first(int container) {
    return JsonTape.first(container);
  }

  /**
   * Returns the index just past a container's last token.
   *
   * @param container the index of an object or array
   * @return the index past its contents
   */
  public int end(int container) {
    return doc.end(container);
  }

  /**
   * Returns the index of the token after a value, skipping a container's contents.
   *
   * @param i the index of a value (or of a key, which is one token)
   * @return the index of the next token at the same level
   */
  public int next(int i) {
    return doc.next(i);
  }

  /**
   * Returns a string, number or literal as written: a string with its quotes and escapes, a number
   * with all its digits. Invalid UTF-8 reads as U+FFFD, one per byte, as Go reads it.
   *
   * @param i the index of a key or a scalar value
   * @return the text of the token
   * @throws IllegalArgumentException when the token is an object or array
   */
  public String text(int i) {
    if (isObject(i) || isArray(i)) {
      throw new IllegalArgumentException("token " + i + " is a container, not a scalar");
    }
    int from = doc.offset(i);
    return JsonIn.decodeUtf8(Arrays.copyOfRange(doc.buf, from, doc.scalarEnd(i)));
  }

  /**
   * Returns a string (a key or a value) decoded as the library reads it.
   *
   * @param i the index of a key or a string value
   * @return the string
   * @throws IllegalArgumentException when the token is not a string
   */
  public String string(int i) {
    if (doc.kind(i) != '"') {
      throw new IllegalArgumentException("token " + i + " is not a string");
    }
    return doc.string(i);
  }
}
