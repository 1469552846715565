package dev.dogcatcher.analyzer.redact;

import static java.util.Objects.requireNonNull;

import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One redaction: a pattern that finds candidates, a check that accepts or rejects each one (the Luhn
 * check for cards, the address grammar for IPv6), and the text that replaces an accepted candidate.
 *
 * <p>A rejected candidate is retried one character further on, so a valid secret that starts inside a
 * rejected candidate is still found. Every pattern is anchored by a look-behind that refuses to start
 * inside a run of its own characters and uses bounded or possessive quantifiers, so each start position
 * costs a bounded amount of work and a rule runs in time linear in the input.
 */
record TextRule(
    String name,
    Pattern pattern,
    Predicate<MatchResult> accepts,
    Function<MatchResult, String> replacement) {

  TextRule {
    requireNonNull(name, "name == null");
    requireNonNull(pattern, "pattern == null");
    requireNonNull(accepts, "accepts == null");
    requireNonNull(replacement, "replacement == null");
  }

  /** A rule that replaces every match with a fixed text. */
  static TextRule replacing(String name, String regex, String replacement) {
    return new TextRule(name, Pattern.compile(regex), match -> true, match -> replacement);
  }

  /** The text with every accepted match replaced; the same instance when nothing matched. */
  String apply(String text) {
    Matcher matcher = pattern.matcher(text);
    StringBuilder out = null;
    int copied = 0;
    int from = 0;
    while (from <= text.length() && matcher.find(from)) {
      if (!accepts.test(matcher)) {
        from = matcher.start() + 1;
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length() + 16);
      }
      out.append(text, copied, matcher.start()).append(replacement.apply(matcher));
      copied = matcher.end();
      from = matcher.end() > matcher.start() ? matcher.end() : matcher.end() + 1;
    }
    if (out == null) {
      return text;
    }
    return out.append(text, copied, text.length()).toString();
  }
}
