package dev.dogcatcher.analyzer.redact;

import static java.util.Objects.requireNonNull;

import dev.dogcatcher.domain.ErrorGroup;
import dev.dogcatcher.fingerprint.MessageTemplate;
import dev.dogcatcher.domain.Sample;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Removes secrets, personal data and invisible characters from an error group before any of it is
 * sent to an LLM.
 *
 * <p>In the message, stack, thread name, attribute values and template it replaces: e-mail addresses
 * ({@code <email>}), IPv4 and IPv6 addresses ({@code <ip>}), JWTs ({@code <jwt>}), bearer tokens and
 * {@code Authorization} header values ({@code Bearer <redacted>}), AWS access key ids and secret access
 * keys ({@code <aws-key>}), the values of {@code password=}, {@code secret=}, {@code token=},
 * {@code api_key=} and similar keys in {@code key=value}, {@code key: value} and JSON form
 * ({@code <redacted>}), credentials in URLs, cookie headers, and payment card numbers that pass the Luhn
 * check ({@code <card>}). It strips invisible characters first (Unicode format characters such as
 * zero-width spaces, bidi controls and the BOM, plus variation selectors and Hangul fillers), so that
 * they can neither hide a secret from the patterns nor smuggle instructions to the model. Attributes
 * whose key names a secret ({@code password}, {@code token}, {@code authorization}, {@code cookie},
 * {@code api_key}, {@code ssn}, …) lose their value entirely.
 *
 * <p>The fingerprint, counts, ids, service, environment, error kind, logger and host are left as they
 * are: they identify the group and carry no secrets of their own. Redaction is idempotent, and every
 * pattern runs in linear time (see {@link TextRule}), so a hostile message cannot stall the analyzer.
 */
public final class Redactor {

  private static final String REDACTED = "<redacted>";

  /** A separator between a key and its value: optional closing quote, then {@code =}, {@code :} or {@code =>}. */
  private static final String SEPARATOR = "\\\\?[\"']?[ \\t]{0,8}+(?:=>|[:=])[ \\t]{0,8}+";

  private static final Pattern PLACEHOLDER = Pattern.compile("<[A-Za-z0-9_*-]{1,24}>");

  private static final List<TextRule> RULES = List.of(
      // scheme://user:password@host — before e-mails, which would otherwise eat "password@host".
      new TextRule("url-credentials",
          Pattern.compile("(?i)(?<![a-z0-9+.-])([a-z][a-z0-9+.-]{0,20}+://)[^\\s/?#@:\"'<>]{1,256}+"
              + ":[^\\s/?#@\"'<>]{0,256}+@"),
          match -> true,
          match -> match.group(1) + REDACTED + "@"),
      // Authorization: Bearer abc / Authorization: Basic abc / "authorization":"abc" — the scheme stays.
      new TextRule("authorization",
          Pattern.compile("(?i)(?<![a-z0-9])((?:proxy-)?authorization" + SEPARATOR + "\\\\?[\"']?)"
              + "((?:bearer|basic|digest|token|negotiate|ntlm|apikey|sso-key|aws4-hmac-sha256)[ \\t]++)?"
              + "([^\\s\"'\\\\,;]++)"),
          match -> true,
          match -> match.group(1) + (match.group(2) == null ? "" : match.group(2)) + REDACTED),
      // A bearer token anywhere else ("sent Bearer abc123"); plain words after "bearer" are not tokens.
      new TextRule("bearer",
          Pattern.compile("(?i)(?<![a-z0-9])bearer[ \\t]++([a-z0-9._~+/-]++=*+)"),
          match -> looksLikeToken(match.group(1)),
          match -> "Bearer " + REDACTED),
      new TextRule("cookie",
          Pattern.compile("(?i)(?<![a-z0-9])((?:set-)?cookie\\\\?[\"']?[ \\t]{0,8}+:[ \\t]{0,8}+\\\\?[\"']?)"
              + "([^\\r\\n\"'\\\\]++)"),
          match -> true,
          match -> match.group(1) + REDACTED),
      new TextRule("aws-secret-access-key",
          Pattern.compile("(?i)(?<![a-z0-9])((?:aws[_-]?)?secret[_-]?access[_-]?key" + SEPARATOR
              + "\\\\?[\"']?)([a-z0-9/+=]{40})(?![a-z0-9/+=])"),
          match -> true,
          match -> match.group(1) + "<aws-key>"),
      TextRule.replacing("aws-access-key-id",
          "(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])", "<aws-key>"),
      TextRule.replacing("jwt",
          "(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{4,}+\\.[A-Za-z0-9_-]{4,}+\\.[A-Za-z0-9_-]*+", "<jwt>"),
      // password=…, "api_key": "…", X-Api-Key: …, client_secret=…, spring.datasource.password=…: the
      // keyword may end a longer key after a separator, which the look-behind allows and the match skips.
      new TextRule("secret-value",
          Pattern.compile("(?i)(?<![a-z0-9])"
              + "((?:password|passwd|passphrase|pwd|secret|token|api[_-]?key|apikey|access[_-]?key"
              + "|private[_-]?key)(?:[_-]?key|s)?)"
              + "(" + SEPARATOR + ")"
              + "(\\\\\"[^\"\\\\\\r\\n]{0,1024}+(?:\\\\\")?"
              + "|\"(?:[^\"\\\\\\r\\n]|\\\\.){0,1024}+\"?"
              + "|'[^'\\r\\n]{0,1024}+'?"
              + "|[^\\s,;&\"'})\\]]++)"),
          match -> hasSecretValue(match.group(3)),
          match -> match.group(1) + match.group(2) + redactQuoted(match.group(3))),
      TextRule.replacing("email",
          "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}+@(?:[A-Za-z0-9-]{1,63}+\\.){1,8}"
              + "[A-Za-z]{2,24}+(?![A-Za-z0-9-])",
          "<email>"),
      // Candidates are runs of hex digits, colons and dots; the address grammar is checked in code.
      new TextRule("ipv6",
          Pattern.compile("(?<![0-9A-Za-z:._-])[0-9A-Fa-f:][0-9A-Fa-f:.]{1,44}+"
              + "(?:%[0-9A-Za-z._-]{1,15}+)?(?![0-9A-Za-z:_%-])"),
          match -> Ipv6.isAddress(Ipv6.withoutZoneAndTrailingDots(match.group())),
          match -> "<ip>" + Ipv6.trailingDots(match.group())),
      TextRule.replacing("ipv4",
          "(?<![0-9A-Za-z.])(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}"
              + "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(?![0-9]|\\.[0-9])",
          "<ip>"),
      // 13–19 digits, optionally grouped by single spaces or dashes, not part of a longer number.
      new TextRule("card",
          Pattern.compile("(?<![0-9A-Za-z_])(?<![0-9][ -])(?<![A-Za-z]-)[0-9](?:[ -]?[0-9]){12,18}"
              + "(?![0-9A-Za-z_])(?![ -][0-9])"),
          match -> Luhn.isValid(match.group()),
          match -> "<card>"));

  /** Creates a redactor; it holds no state and is safe to share between threads. */
  public Redactor() {}

  /**
   * The same group with its sample, attribute values and template redacted; the fingerprint, counts,
   * timestamps and log ids are unchanged.
   */
  public ErrorGroup redact(ErrorGroup group) {
    requireNonNull(group, "group == null");
    Sample sample = group.sample();
    Map<String, String> attributes = new HashMap<>();
    sample.attributes().forEach((key, value) ->
        attributes.put(key, SensitiveKeys.isSensitive(key) ? REDACTED : redact(value)));
    Sample redacted = new Sample(
        redact(sample.message()),
        redact(sample.stack()),
        Invisibles.strip(sample.logger()),
        Invisibles.strip(sample.host()),
        redact(sample.thread()),
        sample.timestamp(),
        attributes);
    return group.withText(template(group.template(), redacted.message()), redacted);
  }

  /**
   * The template of the redacted message. Redacting the template itself is not enough: templating has
   * already cut secrets into pieces the patterns no longer see (an AWS key id becomes
   * {@code AKIAIOSFODNN<int>EXAMPLE}), and the template reaches the LLM and the ticket's log link.
   */
  private String template(String template, String redactedMessage) {
    return redactedMessage.isBlank() ? redact(template) : MessageTemplate.of(redactedMessage);
  }

  /** The text with invisible characters stripped and secrets and personal data replaced. */
  public String redact(String text) {
    requireNonNull(text, "text == null");
    String result = Invisibles.strip(text);
    for (TextRule rule : RULES) {
      result = rule.apply(result);
    }
    return result;
  }

  /** Plain words ("bearer authentication") are not tokens; anything with a digit or symbol is. */
  private static boolean looksLikeToken(String candidate) {
    if (candidate.length() >= 20) {
      return true;
    }
    return candidate.length() >= 6 && !candidate.chars().allMatch(Character::isLetter);
  }

  /** False for empty values and for values that are already placeholders ({@code <int>}, {@code <jwt>}). */
  private static boolean hasSecretValue(String value) {
    String inner = unquoted(value);
    return !inner.isEmpty() && !PLACEHOLDER.matcher(inner).matches();
  }

  private static String redactQuoted(String value) {
    String open = quoteOf(value);
    String inner = value.substring(open.length());
    String close = inner.length() >= open.length() && !open.isEmpty() && inner.endsWith(open) ? open : "";
    return open + REDACTED + close;
  }

  private static String unquoted(String value) {
    String open = quoteOf(value);
    String inner = value.substring(open.length());
    if (!open.isEmpty() && inner.endsWith(open)) {
      inner = inner.substring(0, inner.length() - open.length());
    }
    return inner;
  }

  private static String quoteOf(String value) {
    if (value.startsWith("\\\"")) {
      return "\\\"";
    }
    if (value.startsWith("\"") || value.startsWith("'")) {
      return value.substring(0, 1);
    }
    return "";
  }
}
