package dev.dogcatcher.analyzer.llm;

import static dev.dogcatcher.analyzer.llm.LlmAnalysis.rejected;

import dev.dogcatcher.domain.Analysis;
import dev.dogcatcher.domain.AnalystKind;
import dev.dogcatcher.domain.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks every field of a model's answer before it can reach a ticket, and turns it into an
 * {@link Analysis} written by the LLM.
 *
 * <p>The answer is untrusted: the log it describes may hold a prompt injection. So the error type must
 * be one of the rules analyst's slugs (else {@code unknown}: it becomes a {@code type-…} label), the
 * severity one of three words, and the text single-line, bounded, and free of links, mentions and
 * markup. Harmless emphasis ({@code *bold*}, {@code _italic_}, {@code `code`}) is stripped; anything
 * else found is a rejection, thrown as {@code AnalystUnavailableException} so that the rules analyst
 * answers instead. The ticket's project, labels, priority name and links are decided by the ticket
 * code, never taken from here.
 */
final class AnalysisValidator {

  /** The rules analyst's error-type slugs ({@code RuleTable}); a test keeps the two lists equal. */
  static final List<String> ERROR_TYPES = List.of(
      "auth", "concurrency", "configuration", "connection", "database", "dependency", "not-found",
      "null-reference", "out-of-memory", "permission", "rate-limit", "serialization", "timeout",
      "validation", "unknown");

  static final int MAX_TITLE = 120;
  static final int MAX_SUMMARY = 1_000;
  static final int MAX_ITEMS = 5;
  static final int MAX_ITEM = 300;

  private static final Pattern LINK = Pattern.compile(
      "(?i)\\b(?:https?|ftps?|sftp|file)://|\\b(?:mailto|javascript|vbscript):|\\bwww\\.|\\]\\s*\\(");

  /** {@code @user}, {@code [~accountid:…]}, {@code [~user]}; not an e-mail's {@code a@b}, not {@code <email>}. */
  private static final Pattern MENTION = Pattern.compile("\\[~|(?<![\\w.@<>])@[A-Za-z0-9_]");

  private static final Pattern MARKUP = Pattern.compile(
      "(?i)\\{(?:code|noformat|quote|panel|color|html|anchor|status|jira|expand|toc|include|widget)\\b[^}]*}"
          + "|\\[[^\\]\\n]*\\|[^\\]\\n]*]" // [text|url]
          + "|![^!\\s]+\\.(?:png|jpe?g|gif|svg|bmp|webp)\\b[^!]*!" // !image.png!
          + "|!\\[" // ![alt](…)
          + "|</?(?:a|abbr|b|base|blockquote|body|br|button|code|div|em|embed|font|form|h[1-6]|head|hr|html|i"
          + "|iframe|img|input|link|meta|object|p|pre|script|span|strong|style|svg|table|td|th|tr|u|ul|ol|li"
          + "|details|summary|video|audio|source|textarea|select|option|marquee)\\b[^>]*>"
          + "|<[A-Za-z][\\w-]*\\s+[\\w-]+\\s*=" // any tag with attributes
          + "|</[A-Za-z][\\w-]*\\s*>" // any closing tag
          + "|```");

  private static final Pattern EMPHASIS = Pattern.compile(
      "\\*\\*([^*\\n]+)\\*\\*|(?<![\\w*])\\*([^*\\s][^*\\n]*?)\\*(?![\\w*])|__([^_\\n]+)__"
          + "|(?<![\\w_])_([^_\\s][^_\\n]*?)_(?![\\w_])|`([^`\\n]+)`|\\{\\{([^}\\n]+)}}");

  private static final Pattern LINE_PREFIX = Pattern.compile("^(?:h[1-6]\\.\\s+|#{1,6}\\s+|[-*+]\\s+|>\\s+)");

  private AnalysisValidator() {}

  static Analysis validate(LlmAnalysis answer) {
    String slug = lower(answer.errorType());
    String errorType = ERROR_TYPES.contains(slug) ? slug : "unknown";
    Severity severity = switch (lower(answer.severity())) {
      case "low" -> Severity.LOW;
      case "medium" -> Severity.MEDIUM;
      case "high" -> Severity.HIGH;
      default -> throw rejected("severity is not low, medium or high");
    };
    String title = text("title", answer.title(), MAX_TITLE);
    String summary = text("summary", answer.summary(), MAX_SUMMARY);
    if (title.isEmpty()) {
      throw rejected("title is empty");
    }
    if (summary.isEmpty()) {
      throw rejected("summary is empty");
    }
    return new Analysis(errorType, severity, title, summary, items("causes", answer.causes()),
        items("actions", answer.actions()), AnalystKind.LLM);
  }

  private static List<String> items(String field, List<String> raw) {
    if (raw == null) {
      return List.of();
    }
    if (raw.size() > MAX_ITEMS) {
      throw rejected(field + " has " + raw.size() + " items (at most " + MAX_ITEMS + ")");
    }
    List<String> clean = new ArrayList<>();
    for (String item : raw) {
      String text = text(field, item, MAX_ITEM);
      if (!text.isEmpty()) {
        clean.add(text);
      }
    }
    return clean;
  }

  /** One line of plain text, or a rejection naming the field (never quoting the untrusted text). */
  static String text(String field, String raw, int max) {
    if (raw == null) {
      return "";
    }
    String text = Prompt.visible(raw).replaceAll("\\s+", " ").strip();
    if (LINK.matcher(text).find()) {
      throw rejected(field + " holds a link");
    }
    if (MENTION.matcher(text).find()) {
      throw rejected(field + " holds a mention");
    }
    if (MARKUP.matcher(text).find()) {
      throw rejected(field + " holds markup");
    }
    text = LINE_PREFIX.matcher(text).replaceFirst("");
    text = EMPHASIS.matcher(text).replaceAll(match -> {
      for (int group = 1; group <= match.groupCount(); group++) {
        if (match.group(group) != null) {
          return Matcher.quoteReplacement(match.group(group));
        }
      }
      return "";
    }).strip();
    if (text.length() > max) {
      throw rejected(field + " is " + text.length() + " characters long (at most " + max + ")");
    }
    return text;
  }

  private static String lower(String value) {
    return value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
  }
}
