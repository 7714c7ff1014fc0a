package io.github.natsjwt.trust;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The publish permission check observed on nats-server 2.10.27 ({@link
 * ServerProfile#publishMatchQuirk()}), reproduced from its behaviour on live servers.
 *
 * <p>Entries are stored in a token tree as the server stores subscriptions: split on {@code .}, a
 * node per token ({@code *} and {@code >} as wildcard nodes), the entry marked on its last node. An
 * invalid entry (an empty token, a token after {@code >}) is refused part way, leaving the nodes
 * made so far, unmarked. The search differs from a standard match in two ways:
 *
 * <ul>
 *   <li>the first {@code >} node met ends the whole search, also inside the branch below a {@code
 *       *}: a match if an entry ends on it, none otherwise (even when another branch would match:
 *       allow {@code ["*.>.a","*.b","b.>"]} denies {@code PUB b.b.a});
 *   <li>at the subject's last token, a literal node for that token decides alone, so a {@code *}
 *       entry at the same level is not consulted.
 * </ul>
 *
 * <p>Immutable and thread-safe after construction.
 */
final class QuirkPublishMatcher {
  /** A token's node: the level below it, and whether an entry ends here. */
  private static final class Node {
    @Nullable Level next;
    boolean entry;
  }

  /** One level of the tree: literal tokens, and the two wildcard nodes. */
  private static final class Level {
    final Map<String, Node> literals = new HashMap<>();
    @Nullable Node star;
    @Nullable Node rest;
  }

  private final Level root = new Level();

  QuirkPublishMatcher(List<String> entries) {
    for (String e : entries) {
      insert(e);
    }
  }

  private void insert(String subject) {
    Level level = root;
    Node node = null;
    boolean afterRest = false;
    for (String t : subject.split("\\.", -1)) {
      if (t.isEmpty() || afterRest) {
        return; // refused, the nodes made so far stay
      }
      if (t.equals("*")) {
        if (level.star == null) {
          level.star = new Node();
        }
        node = level.star;
      } else if (t.equals(">")) {
        if (level.rest == null) {
          level.rest = new Node();
        }
        node = level.rest;
        afterRest = true;
      } else {
        node = level.literals.computeIfAbsent(t, k -> new Node());
      }
      if (node.next == null) {
        node.next = new Level();
      }
      level = node.next;
    }
    if (node != null) {
      node.entry = true;
    }
  }

  /** Whether the subject (a valid literal subject) matches, as 2.10.27 decides. */
  boolean matches(String subject) {
    return search(root, subject.split("\\.", -1), 0) == FOUND;
  }

  /** The search goes on in the caller. */
  private static final int GO_ON = 0;

  /** The search stopped with a match. */
  private static final int FOUND = 1;

  /** The search stopped without one (at an empty {@code >} node). */
  private static final int STOPPED = 2;

  private static int search(@Nullable Level start, String[] tokens, int from) {
    Level level = start;
    Node star = null;
    Node literal = null;
    for (int i = from; i < tokens.length; i++) {
      if (level == null) {
        return GO_ON;
      }
      if (level.rest != null) {
        // The whole search ends at the first > node met, even an empty one in a branch.
        return level.rest.entry ? FOUND : STOPPED;
      }
      star = level.star;
      if (star != null) {
        int below = search(star.next, tokens, i + 1);
        if (below != GO_ON) {
          return below;
        }
      }
      literal = level.literals.get(tokens[i]);
      level = literal == null ? null : literal.next;
    }
    if (literal != null) {
      return literal.entry ? FOUND : GO_ON;
    }
    return star != null && star.entry ? FOUND : GO_ON;
  }
}
