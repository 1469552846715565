package dev.dogcatcher.analyzer.llm;

import dev.dogcatcher.domain.ErrorGroup;
import dev.dogcatcher.domain.Sample;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two messages sent for an error group, from the templates in {@code prompts/}: the system
 * message says what to answer, the user message carries the group as a delimited, bounded data block.
 *
 * <p>The group arrives redacted. The data block is still made defensive: invisible and control
 * characters are dropped (they could hide text from a reader of the ticket while the model reads it),
 * anything that looks like the block's own markers is neutralised (the log cannot close the block and
 * speak outside it), and every part is cut to a budget so that the block stays within
 * {@value #MAX_DATA} characters whatever the log's size.
 */
final class Prompt {

  /** The data block never exceeds this many characters. */
  static final int MAX_DATA = 6_000;

  static final int MAX_FIELD = 120;
  static final int MAX_TEMPLATE = 500;
  static final int MAX_MESSAGE = 1_800;
  static final int MAX_STACK = 2_000;
  static final int MAX_ATTRIBUTES = 8;
  static final int MAX_ATTRIBUTE = 80;

  private static final String SYSTEM = load("analyze-system.txt")
      .replace("{{errorTypes}}", quoted(String.join(", ", AnalysisValidator.ERROR_TYPES)));

  private static final String USER = load("analyze-user.txt");

  private static final Pattern MARKER = Pattern.compile("(?i)<\\s*/?\\s*log_data\\s*>?");

  private Prompt() {}

  static String system() {
    return SYSTEM;
  }

  static String user(ErrorGroup group) {
    // Matcher.quoteReplacement: a '$' or '\' in the log is text, not a group reference.
    return USER.replaceFirst(Pattern.quote("{{data}}"), Matcher.quoteReplacement(data(group)));
  }

  /** The group as the model sees it, at most {@value #MAX_DATA} characters. */
  static String data(ErrorGroup group) {
    Sample sample = group.sample();
    StringBuilder out = new StringBuilder();
    line(out, "service", group.service());
    line(out, "env", group.env());
    line(out, "error kind", group.errorKind());
    line(out, "logger", sample.logger());
    line(out, "occurrences", group.count() + " between " + group.firstSeen() + " and " + group.lastSeen());
    section(out, "message template", head(clean(group.template()), MAX_TEMPLATE));
    section(out, "sample message", head(clean(sample.message()), MAX_MESSAGE));
    section(out, "stack", headAndTail(clean(sample.stack()), MAX_STACK));
    if (!sample.attributes().isEmpty()) {
      out.append("attributes:\n");
      new TreeMap<>(sample.attributes()).entrySet().stream().limit(MAX_ATTRIBUTES).forEach(entry ->
          out.append("  ").append(head(oneLine(entry.getKey()), MAX_ATTRIBUTE / 2)).append(": ")
              .append(head(oneLine(entry.getValue()), MAX_ATTRIBUTE)).append('\n'));
    }
    return head(out.toString().stripTrailing(), MAX_DATA);
  }

  /** The text without format (Cf) and control characters; line breaks and tabs stay. */
  static String visible(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.replace("\r\n", "\n").codePoints().forEach(codePoint -> {
      int type = Character.getType(codePoint);
      if (codePoint == '\n' || codePoint == '\t') {
        out.appendCodePoint(codePoint);
      } else if (codePoint == '\r' || codePoint == 0x2028 || codePoint == 0x2029) {
        out.append('\n');
      } else if (type != Character.FORMAT && type != Character.CONTROL && type != Character.SURROGATE
          && type != Character.UNASSIGNED && !(codePoint >= 0xFE00 && codePoint <= 0xFE0F)) {
        out.appendCodePoint(codePoint);
      }
    });
    return out.toString();
  }

  private static String clean(String text) {
    return MARKER.matcher(visible(text)).replaceAll("[marker removed]").strip();
  }

  private static String oneLine(String text) {
    return clean(text).replaceAll("\\s+", " ");
  }

  private static void line(StringBuilder out, String name, String value) {
    String text = head(oneLine(value), MAX_FIELD);
    if (!text.isEmpty()) {
      out.append(name).append(": ").append(text).append('\n');
    }
  }

  private static void section(StringBuilder out, String name, String text) {
    if (!text.isEmpty()) {
      out.append(name).append(":\n").append(text).append('\n');
    }
  }

  static String head(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    String mark = " …[cut " + (text.length() - max) + " chars]";
    return cut(text, Math.max(0, max - mark.length())) + mark;
  }

  /** The start and the end of a stack: the failing frames first, the root cause ("Caused by") last. */
  static String headAndTail(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    String mark = "\n…[cut " + (text.length() - max) + " chars]…\n";
    int room = Math.max(0, max - mark.length());
    int headLength = room * 2 / 3;
    int tailStart = text.length() - (room - headLength);
    if (Character.isLowSurrogate(text.charAt(tailStart))) {
      tailStart++;
    }
    return cut(text, headLength) + mark + text.substring(tailStart);
  }

  private static String cut(String text, int length) {
    int end = length > 0 && Character.isHighSurrogate(text.charAt(length - 1)) ? length - 1 : length;
    return text.substring(0, end);
  }

  private static String quoted(String list) {
    return "\"" + list.replace(", ", "\", \"") + "\"";
  }

  private static String load(String name) {
    try (InputStream in = Prompt.class.getResourceAsStream("/prompts/" + name)) {
      if (in == null) {
        throw new IllegalStateException("prompt resource prompts/" + name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
