package io.github.natsjwt.cli.key;

import io.github.natsjwt.nkey.NKeyType;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How key types are named on the command line: lower case, as {@code nk -gen} names them. */
public final class KeyTypes {
  private KeyTypes() {}

  /**
   * Returns the name users type for a key type.
   *
   * @param type the type
   * @return for example {@code "user"} or {@code "curve"}
   */
  public static String name(NKeyType type) {
    return type.name().toLowerCase(Locale.ROOT);
  }

  /**
   * Returns the name with its indefinite article.
   *
   * @param type the type
   * @return for example {@code "an operator"} or {@code "a user"}
   */
  static String withArticle(NKeyType type) {
    boolean vowelSound = type == NKeyType.OPERATOR || type == NKeyType.ACCOUNT;
    return (vowelSound ? "an " : "a ") + name(type);
  }

  /**
   * Converts {@code --type} values, case-insensitively; {@code x25519} and {@code xkey} are curve.
   */
  static final class Converter implements ITypeConverter<NKeyType> {
    @Override
    public NKeyType convert(String value) {
      return NKeyType.ofName(value)
          .orElseThrow(
              () ->
                  new TypeConversionException(
                      "'"
                          + value
                          + "' is not a key type; use one of "
                          + String.join(", ", names())));
    }
  }

  /** Offers the type names for help and shell completion. */
  static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return names().iterator();
    }
  }

  private static List<String> names() {
    return List.of(NKeyType.values()).stream().map(KeyTypes::name).toList();
  }
}
