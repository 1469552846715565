package dev.dogcatcher.domain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/** The representative log of an error group, bounded in size so that a message always fits SQS. */
public record Sample(
    String message,
    String stack,
    String logger,
    String host,
    String thread,
    Instant timestamp,
    Map<String, String> attributes) {

  public Sample {
    message = ErrorLog.orEmpty(message);
    stack = ErrorLog.orEmpty(stack);
    logger = ErrorLog.orEmpty(logger);
    host = ErrorLog.orEmpty(host);
    thread = ErrorLog.orEmpty(thread);
    requireNonNull(timestamp, "timestamp == null");
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }
}
