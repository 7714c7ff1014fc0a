package io.github.natsjwt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of the library's packages, read from the compiled main classes (the constant pool of
 * every class file: class references, field and method descriptors, generic signatures and
 * annotation types), never from a list kept by hand: no two packages depend on each other through
 * any chain, and the low-level internal packages depend on none of the API packages.
 *
 * <p>Constants the compiler inlines ({@code static final} primitives and strings) leave no trace in
 * a class file, so a dependency made only of such constants is not seen; that matches what {@code
 * jdeps} reports.
 */
class PackageDependenciesTest {
  private static final String ROOT = "io.github.natsjwt";

  /**
   * The codecs, the Ed25519 verifier, the JSON engine, the Go helpers, the box, the caches and the
   * service interfaces through which claims reaches the jwt side.
   */
  private static final List<String> LOW_LEVEL =
      List.of(
          ROOT + ".internal.codec",
          ROOT + ".internal.ed25519",
          ROOT + ".internal.json",
          ROOT + ".internal.go",
          ROOT + ".internal.box",
          ROOT + ".internal.cache",
          ROOT + ".internal.spi");

  /**
   * What the low-level packages must not use: the API, the helpers built on NKey, and the jwt
   * side's service implementations.
   */
  private static final List<String> ABOVE_LOW_LEVEL =
      List.of(
          ROOT,
          ROOT + ".nkey",
          ROOT + ".claims",
          ROOT + ".jwt",
          ROOT + ".trust",
          ROOT + ".creds",
          ROOT + ".internal.keys",
          ROOT + ".internal.jwt");

  private static final Pattern CLASS_NAME =
      Pattern.compile("io/github/natsjwt/(?:[\\w$]+/)*[\\w$]+");

  /** For each package, the packages it uses, each with one class-level example. */
  private static Map<String, Map<String, String>> graph;

  @BeforeAll
  static void readClasses() throws IOException, URISyntaxException {
    graph = packageGraph(mainClasses());
  }

  @Test
  void mainClasses_formNoPackageCycle() {
    // The reader sees dependencies at all: the API packages are there, and jwt uses claims.
    assertTrue(
        graph.keySet().containsAll(List.of(ROOT + ".nkey", ROOT + ".claims", ROOT + ".jwt")),
        graph.keySet().toString());
    assertTrue(
        graph.get(ROOT + ".jwt").containsKey(ROOT + ".claims"),
        graph.get(ROOT + ".jwt").toString());

    List<String> cycles = new ArrayList<>();
    for (Set<String> component : stronglyConnected(graph)) {
      if (component.size() < 2) {
        continue;
      }
      StringBuilder sb = new StringBuilder("packages " + component + " depend on each other:");
      for (String from : component) {
        for (Map.Entry<String, String> to : graph.get(from).entrySet()) {
          if (component.contains(to.getKey())) {
            sb.append("\n    ").append(from).append(" -> ").append(to.getKey());
            sb.append(" (").append(to.getValue()).append(")");
          }
        }
      }
      cycles.add(sb.toString());
    }

    assertTrue(
        cycles.isEmpty(),
        () ->
            cycles.size()
                + " package cycle(s) among lib's classes:\n  "
                + String.join("\n  ", cycles));
  }

  @Test
  void lowLevelPackages_dependOnNoApiPackage() {
    List<String> found = new ArrayList<>();
    for (String low : LOW_LEVEL) {
      Map<String, String> uses = graph.get(low);
      if (uses == null) {
        found.add(low + " has no classes; was it renamed? Update this test with the layout.");
        continue;
      }
      for (String api : ABOVE_LOW_LEVEL) {
        if (uses.containsKey(api)) {
          found.add(low + " -> " + api + " (" + uses.get(api) + ")");
        }
      }
    }

    assertTrue(
        found.isEmpty(),
        () ->
            "the low-level packages must depend on nothing above them:\n  "
                + String.join("\n  ", found));
  }

  /** The directory of lib's compiled main classes (not the test classes). */
  private static Path mainClasses() throws URISyntaxException {
    Path dir =
        Path.of(NatsJwtException.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertTrue(Files.isDirectory(dir), "expected the main classes as a directory: " + dir);
    assertTrue(
        Files.exists(dir.resolve("io/github/natsjwt/NatsJwtException.class")),
        "expected lib's main classes in " + dir);
    return dir;
  }

  /** Reads every class file under a directory into a package graph, without self-edges. */
  static Map<String, Map<String, String>> packageGraph(Path classes) throws IOException {
    Map<String, Map<String, String>> g = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(classes)) {
      files = walk.filter(p -> p.toString().endsWith(".class")).sorted().toList();
    }
    for (Path file : files) {
      String name = classes.relativize(file).toString().replace('\\', '/');
      if (name.equals("module-info.class")) {
        continue;
      }
      String self = name.substring(0, name.length() - ".class".length());
      String fromPackage = packageOf(self);
      Map<String, String> uses = g.computeIfAbsent(fromPackage, k -> new TreeMap<>());
      for (String used : referencedClasses(Files.readAllBytes(file))) {
        String toPackage = packageOf(used);
        if (!toPackage.equals(fromPackage)) {
          uses.putIfAbsent(toPackage, self.replace('/', '.') + " -> " + used.replace('/', '.'));
        }
      }
    }
    return g;
  }

  private static String packageOf(String internalName) {
    return internalName.substring(0, internalName.lastIndexOf('/')).replace('/', '.');
  }

  /**
   * The library classes a class file names in its constant pool: every UTF-8 entry but string
   * literals (class names, descriptors, signatures, annotation types), scanned for class names.
   */
  static Set<String> referencedClasses(byte[] classFile) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort(); // minor version
    in.readUnsignedShort(); // major version
    int count = in.readUnsignedShort();
    Map<Integer, String> utf8 = new HashMap<>();
    Set<Integer> literals = new HashSet<>();
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8.put(i, in.readUTF()); // Utf8: u2 length and modified UTF-8, as readUTF reads
        case 8 -> literals.add(in.readUnsignedShort()); // String
        case 7, 16, 19, 20 -> in.readUnsignedShort(); // Class, MethodType, Module, Package
        case 15 -> in.skipBytes(3); // MethodHandle
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
        case 5, 6 -> {
          in.skipBytes(8); // Long and Double take two entries
          i++;
        }
        default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
      }
    }
    Set<String> names = new TreeSet<>();
    for (Map.Entry<Integer, String> e : utf8.entrySet()) {
      if (literals.contains(e.getKey())) {
        continue;
      }
      Matcher m = CLASS_NAME.matcher(e.getValue());
      while (m.find()) {
        names.add(m.group());
      }
    }
    return names;
  }

  /** Tarjan's strongly connected components (recursive: the graph has a few dozen packages). */
  static List<Set<String>> stronglyConnected(Map<String, Map<String, String>> g) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new HashSet<>();
    List<Set<String>> components = new ArrayList<>();
    int[] next = {0};
    for (String start : g.keySet()) {
      if (!index.containsKey(start)) {
        strongConnect(start, g, index, low, stack, onStack, components, next);
      }
    }
    return components;
  }

  private static void strongConnect(
      String v,
      Map<String, Map<String, String>> g,
      Map<String, Integer> index,
      Map<String, Integer> low,
      Deque<String> stack,
      Set<String> onStack,
      List<Set<String>> components,
      int[] next) {
    index.put(v, next[0]);
    low.put(v, next[0]);
    next[0]++;
    stack.push(v);
    onStack.add(v);
    for (String w : g.getOrDefault(v, Map.of()).keySet()) {
      if (!g.containsKey(w)) {
        continue; // outside the library
      }
      if (!index.containsKey(w)) {
        strongConnect(w, g, index, low, stack, onStack, components, next);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      Set<String> component = new TreeSet<>();
      String w;
      do {
        w = stack.pop();
        onStack.remove(w);
        component.add(w);
      } while (!w.equals(v));
      components.add(component);
    }
  }
}
