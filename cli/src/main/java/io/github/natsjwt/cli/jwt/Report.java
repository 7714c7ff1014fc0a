package io.github.natsjwt.cli.jwt;

import java.util.ArrayList;
import java.util.List;

/**
 * Lays out a report for people: indented sections of {@code label value} lines whose values line
 * up, with list values one per line. Empty values are left out. Not thread-safe.
 */
public final class Report {
  private static final int LABEL_WIDTH = 24;
  private static final String INDENT = "  ";

  private final List<String> lines = new ArrayList<>();
  private int level;

  /** Creates an empty report. */
  public Report() {}

  /**
   * Adds a line at the current indentation.
   *
   * @param text the line
   */
  public void line(String text) {
    lines.add(INDENT.repeat(level) + text);
  }

  /**
   * Adds {@code label value}, unless the value is empty.
   *
   * @param label what the value is
   * @param value the value
   */
  public void field(String label, String value) {
    if (!value.isEmpty()) {
      list(label, List.of(value));
    }
  }

  /**
   * Adds {@code label yes} or {@code label no}.
   *
   * @param label what the flag is
   * @param value the flag
   */
  public void flag(String label, boolean value) {
    field(label, value ? "yes" : "no");
  }

  /**
   * Adds a label with one value per line, unless there are none.
   *
   * @param label what the values are
   * @param values the values
   */
  public void list(String label, List<String> values) {
    if (values.isEmpty()) {
      return;
    }
    String indent = INDENT.repeat(level);
    int width = Math.max(LABEL_WIDTH - indent.length(), label.length() + 2);
    String pad = " ".repeat(width);
    for (int i = 0; i < values.size(); i++) {
      String head = i == 0 ? label + " ".repeat(width - label.length()) : pad;
      lines.add(indent + head + values.get(i));
    }
  }

  /**
   * Adds a heading and the lines the body adds, indented; nothing when the body adds nothing.
   *
   * @param title the heading
   * @param body adds the section's lines
   */
  public void section(String title, Runnable body) {
    int at = lines.size();
    line(title);
    level++;
    try {
      body.run();
    } finally {
      level--;
    }
    if (lines.size() == at + 1) {
      lines.remove(at);
    }
  }

  /**
   * Adds the lines the body adds, indented one level.
   *
   * @param body adds the lines
   */
  public void indented(Runnable body) {
    level++;
    try {
      body.run();
    } finally {
      level--;
    }
  }

  /**
   * Returns the report.
   *
   * @return the lines, each ending with a line break
   */
  public String text() {
    StringBuilder sb = new StringBuilder();
    for (String l : lines) {
      sb.append(l.stripTrailing()).append('\n');
    }
    return sb.toString();
  }
}
