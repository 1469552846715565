package dev.dogcatcher.analyzer.redact;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether an attribute key names a secret or personal datum, so that its value is dropped
 * whole rather than scanned.
 *
 * <p>Long words match anywhere in the key once separators are removed ({@code X-Api-Key} →
 * {@code xapikey}); short ones only as a whole word ({@code user.ssn}, {@code userSsn}, but not
 * {@code classname}).
 */
final class SensitiveKeys {

  private static final Set<String> CONTAINED = Set.of(
      "password", "passwd", "passphrase", "secret", "token", "authorization", "cookie", "apikey",
      "privatekey", "accesskey", "credential", "sessionid", "creditcard", "cardnumber");

  private static final Set<String> WHOLE_WORDS = Set.of(
      "ssn", "pwd", "auth", "jwt", "cvv", "cvc", "pin", "iban");

  private static final Pattern WORD_BREAK = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|[^A-Za-z0-9]+");

  private SensitiveKeys() {}

  static boolean isSensitive(String key) {
    String compact = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    for (String word : CONTAINED) {
      if (compact.contains(word)) {
        return true;
      }
    }
    for (String word : WORD_BREAK.split(key)) {
      if (WHOLE_WORDS.contains(word.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }
}
