package dev.dogcatcher.jira;

import java.util.regex.Pattern;

/**
 * Makes text from logs and analyses safe to show: no control characters, no bidirectional overrides,
 * no lone surrogates, and bounded in length.
 */
final class PlainText {

  private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

  private PlainText() {}

  /** Multi-line text (a log message, a stack): keeps line breaks and tabs, drops other controls. */
  static String block(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    String unified = text.replace("\r\n", "\n").replace('\r', '\n');
    StringBuilder out = new StringBuilder(unified.length());
    for (int i = 0; i < unified.length(); i++) {
      char c = unified.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < unified.length() && Character.isLowSurrogate(unified.charAt(i + 1))) {
          out.append(c).append(unified.charAt(++i));
        }
      } else if (c == '\n' || c == '\t') {
        out.append(c);
      } else if (c == '\u2028' || c == '\u2029') {
        out.append('\n');
      } else if (!dropped(c)) {
        out.append(c);
      }
    }
    return out.toString().stripTrailing();
  }

  /** One line of text: every run of white space, line breaks included, becomes one space. */
  static String inline(String text) {
    return WHITE_SPACE.matcher(block(text)).replaceAll(" ").strip();
  }

  /**
   * Cuts text to at most {@code max} characters, saying how much was cut; never splits a surrogate
   * pair.
   */
  static String truncate(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    String marker = "… [truncated " + (text.length() - max) + " characters]";
    int keep = Math.max(0, max - marker.length() - 1);
    if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
      keep--;
    }
    String head = text.substring(0, keep);
    return head + (head.contains("\n") ? "\n" : " ") + marker;
  }

  // Cc controls, and the bidirectional embeddings/overrides/isolates that can make text read
  // differently from what it is ("Trojan Source", CVE-2021-42574).
  private static boolean dropped(char c) {
    return Character.getType(c) == Character.CONTROL
        || (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2066' && c <= '\u2069')
        || Character.isLowSurrogate(c);
  }
}
