package dev.dogcatcher.analyzer.rules;

import dev.dogcatcher.domain.ErrorGroup;
import dev.dogcatcher.domain.Sample;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds error groups for the rules analyst's tests, with neutral defaults. */
final class GroupBuilder {

  static final Instant FIRST_SEEN = Instant.parse("2024-05-01T10:00:00Z");

  private String service = "orders";
  private String env = "prod";
  private String errorKind = "";
  private String template = "";
  private String message = "";
  private String stack = "";
  private String logger = "com.acme.orders.OrderController";
  private long count = 1;
  private long spanSeconds = 0;

  static GroupBuilder anError() {
    return new GroupBuilder();
  }

  GroupBuilder service(String value) {
    service = value;
    return this;
  }

  GroupBuilder env(String value) {
    env = value;
    return this;
  }

  GroupBuilder kind(String value) {
    errorKind = value;
    return this;
  }

  /** Sets the message, and the template to the same text unless one was set. */
  GroupBuilder message(String value) {
    message = value;
    return this;
  }

  GroupBuilder template(String value) {
    template = value;
    return this;
  }

  GroupBuilder stack(String value) {
    stack = value;
    return this;
  }

  GroupBuilder logger(String value) {
    logger = value;
    return this;
  }

  GroupBuilder count(long value) {
    count = value;
    return this;
  }

  GroupBuilder spanSeconds(long value) {
    spanSeconds = value;
    return this;
  }

  ErrorGroup build() {
    Sample sample = new Sample(message, stack, logger, "host-1", "http-nio-8080-exec-1",
        FIRST_SEEN, Map.of());
    return new ErrorGroup(ErrorGroup.SCHEMA, "run-1", "0123456789abcdef0123", 1, service, env, errorKind,
        template.isEmpty() ? message : template, sample, count, FIRST_SEEN, FIRST_SEEN.plusSeconds(spanSeconds),
        List.of("log-1"), List.of());
  }
}
