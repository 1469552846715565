package dev.dogcatcher.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dogcatcher.domain.ErrorLog;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one item of a Datadog Logs API v2 `data[]` array into an {@link ErrorLog}.
 *
 * <p>Custom attributes may be nested (`{"error":{"kind":…}}`) or flat (`{"error.kind":…}`); both are read.
 */
public final class DatadogLogs {

  /** Custom attributes kept on a sample: enough to triage, bounded so that a message stays small. */
  static final int MAX_ATTRIBUTES = 20;

  static final int MAX_ATTRIBUTE_VALUE = 256;

  private DatadogLogs() {}

  /**
   * Converts a `data[]` item.
   *
   * @throws MalformedMessageException naming what is missing or wrong
   */
  public static ErrorLog toErrorLog(JsonNode item) {
    if (item == null || !item.isObject()) {
      throw new MalformedMessageException("log item is not a JSON object");
    }
    JsonNode attributes = item.path("attributes");
    if (!attributes.isObject()) {
      throw new MalformedMessageException("log item has no attributes object");
    }
    JsonNode custom = attributes.path("attributes");
    String id = text(item.path("id"));
    Instant timestamp = timestamp(attributes.path("timestamp"));
    List<String> tags = new ArrayList<>();
    attributes.path("tags").forEach(tag -> tags.add(tag.asText()));
    String env = first(text(path(custom, "env")), tagValue(tags, "env"));
    String service = first(text(attributes.path("service")), tagValue(tags, "service"));
    String message = first(text(attributes.path("message")), text(path(custom, "message")));
    String errorMessage = text(path(custom, "error.message"));
    if (message.isBlank() && errorMessage.isBlank()) {
      throw new MalformedMessageException("log " + (id.isEmpty() ? "without id" : id) + " has no message");
    }
    if (id.isEmpty()) {
      throw new MalformedMessageException("log item has no id");
    }
    try {
      return new ErrorLog(
          id,
          timestamp,
          text(attributes.path("status")),
          service,
          env,
          text(attributes.path("host")),
          message,
          text(path(custom, "error.kind")),
          errorMessage,
          text(path(custom, "error.stack")),
          text(path(custom, "logger.name")),
          text(path(custom, "logger.thread_name")),
          tags,
          scalarAttributes(custom),
          text(path(custom, "error.fingerprint")));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new MalformedMessageException("log " + id + ": " + e.getMessage(), e);
    }
  }

  /** A dotted attribute, nested or flat. */
  static JsonNode path(JsonNode custom, String dotted) {
    JsonNode flat = custom.get(dotted);
    if (flat != null) {
      return flat;
    }
    JsonNode node = custom;
    for (String part : dotted.split("\\.")) {
      node = node.path(part);
    }
    return node;
  }

  private static Instant timestamp(JsonNode node) {
    if (node.isNumber()) {
      return Instant.ofEpochMilli(node.asLong());
    }
    String text = text(node);
    if (text.isEmpty()) {
      throw new MalformedMessageException("log item has no timestamp");
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException e) {
      throw new MalformedMessageException("log timestamp is not ISO-8601: " + abbreviate(text), e);
    }
  }

  private static Map<String, String> scalarAttributes(JsonNode custom) {
    Map<String, String> out = new LinkedHashMap<>();
    collect("", custom, out);
    return out;
  }

  private static void collect(String prefix, JsonNode node, Map<String, String> out) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext() && out.size() < MAX_ATTRIBUTES) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = prefix + field.getKey();
      if (key.startsWith("error") || key.startsWith("logger") || key.equals("message")) {
        continue;
      }
      JsonNode value = field.getValue();
      if (value.isObject()) {
        collect(key + ".", value, out);
      } else if (value.isValueNode() && !value.isNull()) {
        out.put(key, abbreviate(value.asText()));
      }
    }
  }

  private static String tagValue(List<String> tags, String key) {
    String prefix = key + ":";
    for (String tag : tags) {
      if (tag.startsWith(prefix)) {
        return tag.substring(prefix.length());
      }
    }
    return "";
  }

  private static String first(String a, String b) {
    return a.isBlank() ? b : a;
  }

  private static String text(JsonNode node) {
    return node == null || node.isMissingNode() || node.isNull() || node.isContainerNode() ? "" : node.asText();
  }

  private static String abbreviate(String text) {
    return text.length() <= MAX_ATTRIBUTE_VALUE ? text : text.substring(0, MAX_ATTRIBUTE_VALUE) + "…";
  }
}
