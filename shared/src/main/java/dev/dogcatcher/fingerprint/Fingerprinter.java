package dev.dogcatcher.fingerprint;

import static java.util.Objects.requireNonNull;

import dev.dogcatcher.domain.ErrorLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Computes the fingerprint that groups logs of the same error (DESIGN §5), recipe version {@value #VERSION}.
 *
 * <p>Recipe v1, stable across runs and JVMs (explicit UTF-8, SHA-256, no {@code hashCode}):
 *
 * <pre>
 * key   = "v1|" + service + "|" + errorKind + "|" + rootCause + "|" + String.join(",", frames)
 *         + "|" + MessageTemplate.of(message) + "|" + MessageTemplate.of(errorMessage)
 * value = the first 20 lowercase hex characters of SHA-256(UTF-8 bytes of key)
 * </pre>
 *
 * <ul>
 *   <li>{@code service}, {@code errorKind}, {@code message}, {@code errorMessage}: the log's fields as they
 *       are ({@code ""} when absent);
 *   <li>{@code rootCause}: the type of the innermost {@code Caused by} in {@code stack} (the exception type
 *       for other languages), {@code ""} without a stack;
 *   <li>{@code frames}: the top 3 in-app frames of the root cause as {@code module.function}, without
 *       lines; empty without a stack. Changing the application packages can change them, and so the
 *       fingerprints.
 * </ul>
 *
 * <p>Both templates count: the log message says what the application was doing, the exception message
 * why it failed, and two causes ("deadlock", "duplicate key") thrown from one call site stay apart.
 *
 * <p>When the log carries {@code error.fingerprint}, it wins: the value is the first 20 hex characters of
 * SHA-256({@code "override|" + service + "|" + fingerprint}), so one explicit fingerprint used by two
 * services still makes two groups. Either way the returned template is {@code MessageTemplate.of(text)}.
 */
public final class Fingerprinter {

  /** The recipe version stamped on every fingerprint; bump it whenever a fingerprint value can change. */
  public static final int VERSION = 1;

  private static final int HEX_CHARS = 20;

  private final StackFrames stackFrames;

  /**
   * A fingerprinter that counts as in-app the frames in these packages.
   *
   * @param appPackages package (or Python/Node module) prefixes such as {@code com.acme}; when empty,
   *     frames outside well-known JDK, framework and library packages are in-app
   */
  public Fingerprinter(List<String> appPackages) {
    this.stackFrames = new StackFrames(appPackages);
  }

  /** A fingerprinter with the default in-app detection (no application packages). */
  public static Fingerprinter standard() {
    return new Fingerprinter(List.of());
  }

  /** The fingerprint of one log. */
  public Fingerprint of(ErrorLog log) {
    requireNonNull(log, "log == null");
    String messageTemplate = MessageTemplate.of(log.message());
    String errorTemplate = MessageTemplate.of(log.errorMessage());
    String template = log.message().isBlank() ? errorTemplate : messageTemplate;
    Optional<String> override = log.fingerprintOverride();
    if (override.isPresent()) {
      return new Fingerprint(hash("override|" + log.service() + "|" + override.get()), VERSION, template);
    }
    StackFrames.Summary stack = stackFrames.summarise(log.stack());
    String key =
        String.join(
            "|",
            "v" + VERSION,
            log.service(),
            log.errorKind(),
            stack.rootCause(),
            String.join(",", stack.frames()),
            messageTemplate,
            errorTemplate);
    return new Fingerprint(hash(key), VERSION, template);
  }

  private static String hash(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, HEX_CHARS / 2);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
