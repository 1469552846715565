package dev.dogcatcher.fingerprint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Computes the {@code loghash-<12 hex>} label the Python dogcatcher-agent put on its Jira tickets, so
 * occurrences of errors it ticketed attach to those tickets.
 *
 * <p>The value is {@code "loghash-"} + the first 12 lowercase hex characters of SHA-1 over the UTF-8
 * bytes of the normalised message; the normalisation reproduces the old tool step by step, quirks
 * included (see {@code shared/reference/legacy-loghash.md}). Python's {@code re} is Unicode-aware, hence
 * {@link Pattern#UNICODE_CHARACTER_CLASS} and {@link Locale#ROOT}, and where Java's classes still differ
 * from Python's they are spelled out: Python's {@code \w} (so {@code \b}) takes numbers such as
 * {@code ①} and {@code ²} but not combining marks, its {@code \s} also takes U+001C..U+001F, and its
 * {@code .} stops only at {@code \n} ({@link Pattern#UNIX_LINES}). The patterns are the old tool's and are
 * not bounded: call it on messages, not on megabytes.
 */
public final class LegacyLoghash {

  private static final String PREFIX = "loghash-";
  private static final int HEX_CHARS = 12;

  /** Python's Unicode {@code \s} (step 5 spells out its negation). */
  private static final String SPACE = "[\\s\\x1c-\\x1f]";

  /** Python's Unicode {@code \w}: letters, numbers (also {@code ①}, {@code ²}) and {@code _}; no marks. */
  private static final String WORD = "[\\p{L}\\p{N}_]";

  /** Python's {@code \b}, which differs from Java's on marks and on non-decimal numbers. */
  private static final String B = "(?:(?<=" + WORD + ")(?!" + WORD + ")|(?<!" + WORD + ")(?=" + WORD + "))";

  private static final List<Step> STEPS =
      List.of(
          step("(failed to get file size by name)" + SPACE + "+[^,]+", "$1 <blob>"),
          step(B + "[a-z0-9._-]+\\.dpplan" + B, " <file>"),
          step("[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}", " <email> "),
          step(B + "https?://[^\\s\\x1c-\\x1f]+", " <url> "),
          step(B + "[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+" + B, " <token> "),
          step(B + "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}" + B, " "),
          step(B + "[0-9a-f]{24}" + B, " "),
          step(B + "\\d{4}-\\d{2}-\\d{2}[tT ]\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?Z?" + B, " "),
          step("\\[?\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}(?:[,\\.]\\d+)?\\]?", " "),
          step(B + "\\d{5,}" + B, " "),
          step(B + "[a-f0-9]{10,}" + B, " "),
          step("(duplicate entry" + SPACE + "+).*?(for key)", "$1$2"),
          step("\\\\x[0-9a-f]{2}", " "),
          step("[^a-z0-9]+", " "));

  private LegacyLoghash() {}

  /**
   * The label the Python tool gave this message.
   *
   * @param message the log message; null is treated as empty
   * @return {@code loghash-} and 12 hex characters, or empty when nothing is left after normalising
   */
  public static Optional<String> of(String message) {
    String normalised = normalise(message);
    if (normalised.isEmpty()) {
      return Optional.empty();
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest(normalised.getBytes(StandardCharsets.UTF_8));
      return Optional.of(PREFIX + HexFormat.of().formatHex(digest, 0, HEX_CHARS / 2));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }

  /** The old tool's {@code normalize(message)}. */
  static String normalise(String message) {
    if (message == null || message.isEmpty()) {
      return "";
    }
    String text = message.toLowerCase(Locale.ROOT);
    for (Step step : STEPS) {
      text = step.pattern().matcher(text).replaceAll(step.replacement());
    }
    return text.strip();
  }

  private static Step step(String regex, String replacement) {
    return new Step(
        Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNIX_LINES), replacement);
  }

  private record Step(Pattern pattern, String replacement) {}
}
