package dev.dogcatcher.analyzer.redact;

/**
 * Strips characters that render as nothing: Unicode format characters (category Cf: zero-width space,
 * joiners, bidi embeddings and isolates U+202A–U+202E and U+2066–U+2069, the BOM, soft hyphen, tag
 * characters…), variation selectors and Hangul fillers.
 *
 * <p>Tabs and line breaks are control characters (Cc), not format characters, so they stay.
 */
final class Invisibles {

  private Invisibles() {}

  static String strip(String text) {
    StringBuilder out = null;
    int i = 0;
    while (i < text.length()) {
      int codePoint = text.codePointAt(i);
      int width = Character.charCount(codePoint);
      if (isInvisible(codePoint)) {
        if (out == null) {
          out = new StringBuilder(text.length());
          out.append(text, 0, i);
        }
      } else if (out != null) {
        out.appendCodePoint(codePoint);
      }
      i += width;
    }
    return out == null ? text : out.toString();
  }

  static boolean isInvisible(int codePoint) {
    return Character.getType(codePoint) == Character.FORMAT
        || (codePoint >= 0xFE00 && codePoint <= 0xFE0F) // variation selectors
        || (codePoint >= 0xE0100 && codePoint <= 0xE01EF) // variation selectors supplement
        || codePoint == 0x115F || codePoint == 0x1160 || codePoint == 0x3164 || codePoint == 0xFFA0;
  }
}
