package dev.dogcatcher.jira;

import dev.dogcatcher.domain.ErrorGroup;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The Datadog Log Explorer link of an error group: its service, env, error kind and a phrase of its template. */
final class LogsLink {

  /** Logs just outside the group's first and last seen still show, for context. */
  private static final Duration MARGIN = Duration.ofMinutes(5);

  private static final int MAX_PHRASE = 100;

  private static final Pattern PLACEHOLDER = Pattern.compile("<[A-Za-z_][A-Za-z0-9_]*>");

  private static final Pattern BARE_VALUE = Pattern.compile("[A-Za-z0-9_.:/@-]+");

  private LogsLink() {}

  /**
   * The link, e.g. {@code https://app.datadoghq.com/logs?query=service%3Aapi%20...&from_ts=…&to_ts=…&live=false}.
   */
  static String of(ErrorGroup group, String site) {
    return "https://" + uiHost(site) + "/logs?query=" + encode(query(group))
        + "&from_ts=" + group.firstSeen().minus(MARGIN).toEpochMilli()
        + "&to_ts=" + group.lastSeen().plus(MARGIN).toEpochMilli()
        + "&live=false";
  }

  /** The search query: facets of the group, then the longest literal part of its template as a phrase. */
  static String query(ErrorGroup group) {
    List<String> terms = new ArrayList<>();
    facet(terms, "service:", group.service());
    facet(terms, "env:", group.env());
    facet(terms, "@error.kind:", group.errorKind());
    String phrase = longestLiteral(group.template());
    if (!phrase.isEmpty()) {
      terms.add(quoted(phrase));
    }
    return terms.isEmpty() ? "*" : String.join(" ", terms);
  }

  /**
   * The web host of a Datadog site: {@code app.datadoghq.com} for {@code datadoghq.com}, but the site
   * itself for regional sites such as {@code us3.datadoghq.com}
   * (https://docs.datadoghq.com/getting_started/site/).
   */
  static String uiHost(String site) {
    String host = site.toLowerCase(Locale.ROOT);
    if (host.startsWith("api.")) {
      host = host.substring(4);
    }
    long dots = host.chars().filter(c -> c == '.').count();
    return dots == 1 ? "app." + host : host;
  }

  private static void facet(List<String> terms, String name, String value) {
    String clean = PlainText.inline(value);
    if (!clean.isEmpty()) {
      terms.add(name + (BARE_VALUE.matcher(clean).matches() ? clean : quoted(clean)));
    }
  }

  private static String longestLiteral(String template) {
    String best = "";
    for (String part : PLACEHOLDER.split(PlainText.inline(template))) {
      String literal = part.strip();
      if (literal.length() > best.length()) {
        best = literal;
      }
    }
    if (best.length() > MAX_PHRASE) {
      int cut = best.lastIndexOf(' ', MAX_PHRASE);
      best = best.substring(0, cut > 0 ? cut : MAX_PHRASE);
      if (Character.isHighSurrogate(best.charAt(best.length() - 1))) {
        best = best.substring(0, best.length() - 1);
      }
    }
    return best.length() < 3 ? "" : best;
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String encode(String text) {
    // URLEncoder writes the form encoding; a space must be %20 in a URL query read by a browser app.
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
