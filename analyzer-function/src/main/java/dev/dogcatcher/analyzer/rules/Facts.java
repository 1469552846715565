package dev.dogcatcher.analyzer.rules;

import static java.util.Objects.requireNonNull;

import dev.dogcatcher.domain.ErrorGroup;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the rules analyst knows about a group once it has been classified.
 *
 * @param group the group being analysed
 * @param rule the rule that matched (the fallback rule when none did)
 * @param kind the exception kind the rule matched, or the group's error kind; may be empty
 * @param stack the parsed stack
 * @param downstream the short name of the service the error was calling ("payments"), or empty
 * @param text the template and the sample message, which the keyword patterns read
 */
record Facts(ErrorGroup group, Rule rule, String kind, StackTrace stack, String downstream, String text) {

  private static final Pattern DURATION = Pattern.compile(
      "(?i)(?<![\\w.])(\\d{1,9}(?:\\.\\d{1,3})?) ?(ms|millis(?:econds)?|milliseconds?|s|secs?|seconds?"
          + "|min|mins|minutes?)\\b");

  Facts {
    requireNonNull(group, "group == null");
    requireNonNull(rule, "rule == null");
    requireNonNull(kind, "kind == null");
    requireNonNull(stack, "stack == null");
    requireNonNull(downstream, "downstream == null");
    requireNonNull(text, "text == null");
  }

  /** Everything that can say where an error happened: service, logger, downstream, template and message. */
  String context() {
    return group.service() + '\n' + group.sample().logger() + '\n' + downstream + '\n' + text;
  }

  /**
   * A cause or action with its placeholders filled: {@code {service}},
   * {@code {env}}, {@code {downstream}}, {@code {frame}}, {@code {logger}} and {@code {timeout}} (a
   * parenthesised duration found in the message, or nothing).
   */
  String fill(String template) {
    String filled = template
        .replace("{service}", orElse(group.service(), "the service"))
        .replace("{env}", orElse(group.env(), "this environment"))
        .replace("{downstream}", orElse(downstream, "the downstream service"))
        .replace("{frame}", orElse(stack.shortFrame(), "the top in-app frame"))
        .replace("{logger}", orElse(group.sample().logger(), "the logging class"));
    if (filled.contains("{timeout}")) {
      String duration = duration();
      filled = filled.replace("{timeout}", duration.isEmpty() ? "" : " (hit after " + duration + " in the sample)");
    }
    return filled;
  }

  /** The first duration in the message ("30000 ms", "30 s"), or empty. */
  String duration() {
    String message = group.sample().message();
    Matcher matcher = DURATION.matcher(message.length() > 4000 ? message.substring(0, 4000) : message);
    if (!matcher.find()) {
      return "";
    }
    String unit = matcher.group(2).toLowerCase(Locale.ROOT);
    String shortUnit = unit.startsWith("m") && !unit.startsWith("min") ? "ms" : unit.startsWith("min") ? "min" : "s";
    return matcher.group(1) + " " + shortUnit;
  }

  private static String orElse(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value.strip();
  }
}
