package dev.dogcatcher.analyzer;

import static java.util.Objects.requireNonNull;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dogcatcher.config.Settings;
import dev.dogcatcher.domain.ErrorGroup;
import dev.dogcatcher.domain.ErrorGrouping;
import dev.dogcatcher.domain.ErrorLog;
import dev.dogcatcher.fingerprint.FingerprintRules;
import dev.dogcatcher.fingerprint.Fingerprinter;
import dev.dogcatcher.json.DatadogLogs;
import dev.dogcatcher.json.Json;
import dev.dogcatcher.json.MalformedMessageException;
import dev.dogcatcher.json.Messages;
import dev.dogcatcher.port.SlotStore;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a LogQueue message in any of the shapes an operator may send: the fetcher's ErrorGroup, a raw
 * Datadog log event, or a bare {@code {"service", "message"}} object; the raw shapes are fingerprinted
 * on arrival, as the fetcher would have, so a replayed error finds its ticket.
 *
 * <p>A raw log becomes a group of one ({@code count 1}) with the run id {@code replay-<messageId>}; its
 * log id is the SQS message id and, when it has no timestamp, it is dated by the message's
 * {@code SentTimestamp}. Anything else is a {@link MalformedMessageException} whose reason names the
 * accepted shapes (the message then reaches LogDLQ after maxReceiveCount).
 */
public final class LogQueueMessages {

  /** Said in every rejection, so that whoever reads the DLQ or the log knows what to send instead. */
  static final String ACCEPTED =
      "LogQueue accepts an ErrorGroup ({\"schema\": 1, \"fingerprint\": …}, as the fetcher publishes), "
          + "a Datadog log event (a data[] item: {\"id\": …, \"attributes\": {…}}), "
          + "or {\"service\": …, \"message\": …} with optional error.kind, stack, timestamp, env";

  /** The run id prefix of groups built here from raw logs. */
  static final String REPLAY_RUN = "replay-";

  private final Fingerprinter fingerprinter;
  private final SlotStore slots;
  private final Clock clock;

  /**
   * Reads messages, fingerprinting raw logs as the fetcher does.
   *
   * @param fingerprinter as the fetcher's (see {@link #fingerprinter(Settings)})
   * @param slots the slots the fetcher learned, so that a raw log joins its learned group (the Lambda
   *     reads them only: {@link SlotStore#readOnly()})
   */
  public LogQueueMessages(Fingerprinter fingerprinter, SlotStore slots, Clock clock) {
    this.fingerprinter = requireNonNull(fingerprinter, "fingerprinter == null");
    this.slots = requireNonNull(slots, "slots == null");
    this.clock = requireNonNull(clock, "clock == null");
  }

  /** The fetcher's fingerprinter (DOGCATCHER_APP_PACKAGES, DOGCATCHER_FINGERPRINT_RULES). */
  static Fingerprinter fingerprinter(Settings settings) {
    return Fingerprinter.from(settings.list("DOGCATCHER_APP_PACKAGES"), FingerprintRules.from(settings));
  }

  /**
   * The error group of a LogQueue message.
   *
   * @throws MalformedMessageException when the body is none of the accepted shapes
   */
  public ErrorGroup read(SQSEvent.SQSMessage message) {
    String messageId = message.getMessageId() == null ? "" : message.getMessageId();
    return toGroup(messageId, message.getBody(), sentAt(message.getAttributes()));
  }

  private ErrorGroup toGroup(String messageId, String body, Instant sentAt) {
    JsonNode node = parse(body);
    if (node.has("schema")) {
      return Messages.readErrorGroup(body);
    }
    ErrorLog log;
    if (node.has("attributes")) {
      if (!node.path("attributes").isObject()) {
        throw rejected("\"attributes\" is not an object");
      }
      log = DatadogLogs.toErrorLog(node);
    } else if (node.has("message") || node.has("service")) {
      log = bare(messageId, node, sentAt);
    } else {
      throw rejected("unrecognised object with keys " + keys(node));
    }
    if (messageId.isEmpty()) {
      throw new MalformedMessageException("a raw log message has no SQS message id to name its replay run");
    }
    ErrorGrouping grouping = new ErrorGrouping(fingerprinter, slots);
    grouping.add(log);
    return grouping.finish().groups().get(0).build(REPLAY_RUN + messageId);
  }

  private ErrorLog bare(String messageId, JsonNode node, Instant sentAt) {
    String service = text(node, "service");
    String message = text(node, "message");
    if (service.isBlank() || message.isBlank()) {
      throw rejected("a bare log needs both \"service\" and \"message\" as non-empty strings");
    }
    String kind = first(text(node, "error.kind"), text(node.path("error"), "kind"));
    String stack = first(text(node, "stack"), first(text(node, "error.stack"), text(node.path("error"), "stack")));
    String env = text(node, "env");
    Instant timestamp = node.has("timestamp") ? timestamp(node.get("timestamp")) : sentAt;
    return new ErrorLog(
        messageId.isEmpty() ? "bare" : messageId, timestamp, "error", service, env, "", message, kind, "",
        stack, "", "", env.isBlank() ? List.of() : List.of("env:" + env), Map.of(), "");
  }

  private Instant sentAt(Map<String, String> attributes) {
    String sent = attributes == null ? null : attributes.get("SentTimestamp");
    if (sent != null) {
      try {
        return Instant.ofEpochMilli(Long.parseLong(sent));
      } catch (NumberFormatException e) {
        // Not SQS's number: fall back to now.
      }
    }
    return clock.instant();
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      throw rejected("empty message body");
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new MalformedMessageException(
          "message body is not JSON (" + e.getOriginalMessage() + "); " + ACCEPTED, e);
    }
    if (node == null || !node.isObject()) {
      throw rejected("message body is not a JSON object");
    }
    return node;
  }

  private static Instant timestamp(JsonNode node) {
    if (node.isNumber()) {
      return Instant.ofEpochMilli(node.asLong());
    }
    try {
      return OffsetDateTime.parse(node.asText()).toInstant();
    } catch (DateTimeException e) {
      throw new MalformedMessageException(
          "\"timestamp\" must be ISO-8601 with an offset or epoch milliseconds, was " + node, e);
    }
  }

  private static MalformedMessageException rejected(String reason) {
    return new MalformedMessageException(reason + "; " + ACCEPTED);
  }

  private static List<String> keys(JsonNode node) {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys.size() > 10 ? keys.subList(0, 10) : keys;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.isValueNode() || value.isNull() ? "" : value.asText();
  }

  private static String first(String a, String b) {
    return a.isBlank() ? b : a;
  }
}
