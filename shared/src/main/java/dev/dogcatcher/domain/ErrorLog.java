package dev.dogcatcher.domain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One error log as read from a source, normalised from the Datadog Logs API v2 event shape.
 *
 * <p>Text fields are never null: an absent value is the empty string.
 */
public record ErrorLog(
    String id,
    Instant timestamp,
    String status,
    String service,
    String env,
    String host,
    String message,
    String errorKind,
    String errorMessage,
    String stack,
    String logger,
    String thread,
    List<String> tags,
    Map<String, String> attributes,
    String explicitFingerprint) {

  public ErrorLog {
    requireNonNull(id, "id == null");
    requireNonNull(timestamp, "timestamp == null");
    status = orEmpty(status);
    service = orEmpty(service);
    env = orEmpty(env);
    host = orEmpty(host);
    message = orEmpty(message);
    errorKind = orEmpty(errorKind);
    errorMessage = orEmpty(errorMessage);
    stack = orEmpty(stack);
    logger = orEmpty(logger);
    thread = orEmpty(thread);
    explicitFingerprint = orEmpty(explicitFingerprint);
    tags = tags == null ? List.of() : List.copyOf(tags);
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    if (message.isBlank() && errorMessage.isBlank()) {
      throw new IllegalArgumentException("log " + id + " has no message");
    }
  }

  /** The `error.fingerprint` attribute, which overrides the computed fingerprint when present. */
  public Optional<String> fingerprintOverride() {
    return explicitFingerprint.isBlank() ? Optional.empty() : Optional.of(explicitFingerprint);
  }

  /** The text that describes the error: the log message, or the exception message when the log has none. */
  public String text() {
    return message.isBlank() ? errorMessage : message;
  }

  static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
