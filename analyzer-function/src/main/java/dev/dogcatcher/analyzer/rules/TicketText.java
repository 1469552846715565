package dev.dogcatcher.analyzer.rules;

import dev.dogcatcher.domain.ErrorGroup;
import dev.dogcatcher.domain.Severity;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Writes the title and summary of a rules analysis in the words an on-call engineer would use. */
final class TicketText {

  /** Jira allows 255 characters in a summary; a title a person can scan is much shorter. */
  static final int MAX_TITLE = 120;

  private static final int MAX_GIST = 80;

  private static final Pattern KIND_PREFIX = Pattern.compile(
      "\\s*+(?:[A-Za-z_$][\\w$]{0,100}+\\.){0,12}+[A-Za-z_$][\\w$]{0,100}(?:Exception|Error)\\s*+:\\s*+");

  private static final Pattern PLACEHOLDER = Pattern.compile("<([A-Za-z*][A-Za-z0-9_-]{0,23})>");

  private static final Map<String, String> PLACEHOLDER_WORDS = Map.ofEntries(
      Map.entry("int", "N"), Map.entry("num", "N"), Map.entry("number", "N"), Map.entry("float", "N"),
      Map.entry("long", "N"), Map.entry("uuid", "ID"), Map.entry("hex", "ID"), Map.entry("id", "ID"),
      Map.entry("*", "…"));

  /** Characters that mean something to Jira wiki, Markdown or HTML renderers. */
  private static final Pattern MARKUP = Pattern.compile("[`*{}|<>\\[\\]]");

  private static final Pattern URL_HOST = Pattern.compile(
      "(?i)(?<![a-z0-9+.-])[a-z][a-z0-9+.-]{0,15}+://(?:[^\\s/@]{0,256}+@)?([a-z0-9][a-z0-9.-]{0,252}+)");

  private static final Pattern CONNECT_TO = Pattern.compile(
      "(?i)\\bconnect(?:ion|ing)? to (?:host )?([a-z][a-z0-9-]{0,62}+(?:\\.[a-z0-9-]{1,63}+){0,10}+)");

  /** Host labels that say nothing about which service it is. */
  private static final Set<String> GENERIC_LABELS = Set.of(
      "www", "api", "apis", "gw", "gateway", "internal", "int", "svc", "service", "services", "local",
      "localhost", "cluster", "prod", "production", "staging", "stage", "dev", "test", "default", "com",
      "net", "org", "io", "app", "v1", "v2", "eu", "us");

  private TicketText() {}

  /**
   * {@code <headline>[ <via> <downstream>][ in <service>][: <gist>]}, on one line, at most
   * {@value #MAX_TITLE} characters: "Timeout calling payments in checkout: Read timed out".
   */
  static String title(Facts facts) {
    ErrorGroup group = facts.group();
    Rule rule = facts.rule();
    String headline = headline(facts);
    StringBuilder title = new StringBuilder(headline);
    if (!rule.via().isEmpty() && !facts.downstream().isEmpty()) {
      title.append(' ').append(rule.via()).append(' ').append(facts.downstream());
    }
    String service = shorten(oneLine(MARKUP.matcher(group.service()).replaceAll("")), 60);
    if (!service.isEmpty()) {
      title.append(" in ").append(service);
    }
    String gist = gist(group.template());
    if (gist.codePoints().noneMatch(Character::isLetterOrDigit)) {
      gist = gist(group.sample().message());
    }
    if (!gist.isEmpty() && !gist.equalsIgnoreCase(headline)) {
      title.append(": ").append(gist);
    }
    return shorten(oneLine(title.toString()), MAX_TITLE);
  }

  /** The rule's label, else the exception's simple name ({@code NullPointerException}), else "Error". */
  static String headline(Facts facts) {
    if (!facts.rule().label().isEmpty()) {
      return facts.rule().label();
    }
    String simple = StackTrace.simpleName(facts.kind()).replace('$', '.');
    String clean = shorten(oneLine(MARKUP.matcher(simple).replaceAll("")), 60);
    return clean.isEmpty() ? "Error" : clean;
  }

  /**
   * Two or three sentences: how often and when, where (top frame and logger), and why this severity.
   */
  static String summary(Facts facts, Severity severity, List<String> reasons) {
    ErrorGroup group = facts.group();
    StringBuilder summary = new StringBuilder();
    String place = place(group);
    if (group.count() == 1 || !group.lastSeen().isAfter(group.firstSeen())) {
      summary.append("Seen ").append(times(group.count())).append(place)
          .append(" at ").append(instant(group.firstSeen())).append('.');
    } else {
      summary.append("Seen ").append(times(group.count())).append(place)
          .append(" over ").append(span(Duration.between(group.firstSeen(), group.lastSeen())))
          .append(", from ").append(instant(group.firstSeen()))
          .append(" to ").append(instant(group.lastSeen())).append('.');
    }
    String where = where(facts);
    if (!where.isEmpty()) {
      summary.append(' ').append(where);
    }
    summary.append(" Rated ").append(severity).append(": ").append(String.join("; ", reasons)).append('.');
    return summary.toString();
  }

  /**
   * The first line of a template or message, without a leading exception name, with placeholders as
   * words ({@code <int>} → N) and markup characters removed, cut to {@value #MAX_GIST} characters.
   */
  static String gist(String text) {
    String line = firstLine(text);
    Matcher prefix = KIND_PREFIX.matcher(line);
    if (prefix.lookingAt()) {
      line = line.substring(prefix.end());
    }
    Matcher placeholder = PLACEHOLDER.matcher(line);
    StringBuilder words = new StringBuilder();
    while (placeholder.find()) {
      String name = placeholder.group(1).toLowerCase(Locale.ROOT);
      placeholder.appendReplacement(words,
          Matcher.quoteReplacement(PLACEHOLDER_WORDS.getOrDefault(name, name.toUpperCase(Locale.ROOT))));
    }
    placeholder.appendTail(words);
    String clean = oneLine(MARKUP.matcher(words).replaceAll(""));
    clean = clean.replaceAll("[\\s:;,.-]+$", "");
    return shorten(clean, MAX_GIST);
  }

  /** The short name of the service a message says it was calling: {@code https://api.stripe.com/v1} → stripe. */
  static String downstream(String message) {
    String head = message.length() > 4000 ? message.substring(0, 4000) : message;
    Matcher url = URL_HOST.matcher(head);
    while (url.find()) {
      String name = serviceName(url.group(1));
      if (!name.isEmpty()) {
        return name;
      }
    }
    Matcher connect = CONNECT_TO.matcher(head);
    while (connect.find()) {
      String name = serviceName(connect.group(1));
      if (!name.isEmpty()) {
        return name;
      }
    }
    return "";
  }

  /** Line breaks, tabs, control and format characters become spaces; runs of spaces collapse. */
  static String oneLine(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), 4096));
    boolean space = true;
    for (int i = 0; i < text.length() && out.length() < 4096; ) {
      int codePoint = text.codePointAt(i);
      i += Character.charCount(codePoint);
      int type = Character.getType(codePoint);
      boolean blank = Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)
          || Character.isISOControl(codePoint) || type == Character.FORMAT
          || type == Character.SURROGATE || type == Character.UNASSIGNED;
      if (blank) {
        if (!space) {
          out.append(' ');
          space = true;
        }
      } else {
        out.appendCodePoint(codePoint);
        space = false;
      }
    }
    return out.toString().strip();
  }

  /** Cuts at a word boundary when one is near, never inside a surrogate pair, and marks the cut with "…". */
  static String shorten(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - 1;
    if (Character.isLowSurrogate(text.charAt(end))) {
      end--;
    }
    int space = text.lastIndexOf(' ', end);
    if (space >= max / 2) {
      end = space;
    }
    return text.substring(0, end).stripTrailing() + "…";
  }

  private static String serviceName(String host) {
    String lower = host.toLowerCase(Locale.ROOT);
    if (lower.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
      return "";
    }
    for (String label : lower.split("\\.")) {
      if (!label.isEmpty() && !GENERIC_LABELS.contains(label) && label.length() <= 40
          && !label.chars().allMatch(Character::isDigit)) {
        return label;
      }
    }
    return "";
  }

  private static String firstLine(String text) {
    String head = text.length() > 2000 ? text.substring(0, 2000) : text;
    for (String line : head.split("\\R")) {
      if (!line.isBlank()) {
        return line;
      }
    }
    return "";
  }

  private static String place(ErrorGroup group) {
    String service = shorten(oneLine(group.service()), 80);
    String env = shorten(oneLine(group.env()), 40);
    if (service.isEmpty()) {
      return env.isEmpty() ? "" : " in " + env;
    }
    return " in " + service + (env.isEmpty() ? "" : " (" + env + ")");
  }

  private static String where(Facts facts) {
    String kind = shorten(oneLine(StackTrace.simpleName(facts.kind())), 80);
    String frame = oneLine(facts.stack().frame());
    String logger = shorten(oneLine(facts.group().sample().logger()), 200);
    if (frame.isEmpty() && logger.isEmpty()) {
      return "";
    }
    StringBuilder where = new StringBuilder();
    if (!frame.isEmpty()) {
      where.append(kind.isEmpty() ? "Thrown" : kind + " thrown").append(" at ").append(frame);
      if (!logger.isEmpty()) {
        where.append(", logged by ").append(logger);
      }
    } else {
      where.append(kind.isEmpty() ? "Logged" : kind + " logged").append(" by ").append(logger);
    }
    return where.append('.').toString();
  }

  private static String times(long count) {
    return count == 1 ? "once" : count + " times";
  }

  private static String instant(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static String span(Duration duration) {
    long seconds = Math.max(1, duration.getSeconds());
    if (seconds < 120) {
      return seconds + " s";
    }
    if (seconds < 2 * 3600) {
      return seconds / 60 + " min";
    }
    if (seconds < 2 * 86400) {
      return seconds / 3600 + " h";
    }
    return seconds / 86400 + " days";
  }
}
