package dev.dogcatcher.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dogcatcher.domain.Analysis;
import dev.dogcatcher.domain.AnalyzedError;
import dev.dogcatcher.domain.ErrorGroup;

/** Reads and writes the queue messages (DESIGN §4); an AnalyzedError is the ErrorGroup plus `analysis`. */
public final class Messages {

  private Messages() {}

  public static String write(ErrorGroup group) {
    return write(Json.MAPPER.valueToTree(group));
  }

  public static String write(AnalyzedError error) {
    ObjectNode node = Json.MAPPER.valueToTree(error.group());
    node.set("analysis", Json.MAPPER.valueToTree(error.analysis()));
    return write(node);
  }

  public static ErrorGroup readErrorGroup(String body) {
    return toGroup(parseObject(body));
  }

  public static AnalyzedError readAnalyzedError(String body) {
    ObjectNode node = parseObject(body);
    JsonNode analysis = node.remove("analysis");
    if (analysis == null || !analysis.isObject()) {
      throw new MalformedMessageException("AnalyzedError has no analysis object");
    }
    return new AnalyzedError(toGroup(node), convert(analysis, Analysis.class, "analysis"));
  }

  static ObjectNode parseObject(String body) {
    if (body == null || body.isBlank()) {
      throw new MalformedMessageException("empty message body");
    }
    try {
      JsonNode node = Json.MAPPER.readTree(body);
      if (node == null || !node.isObject()) {
        throw new MalformedMessageException("message body is not a JSON object");
      }
      return (ObjectNode) node;
    } catch (JsonProcessingException e) {
      throw new MalformedMessageException(
          "message body is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static ErrorGroup toGroup(ObjectNode node) {
    int schema = node.path("schema").asInt(0);
    if (schema < 1 || schema > ErrorGroup.SCHEMA) {
      throw new MalformedMessageException(
          "unsupported schema " + node.path("schema") + " (this code reads 1.." + ErrorGroup.SCHEMA + ")");
    }
    return convert(node, ErrorGroup.class, "ErrorGroup");
  }

  private static <T> T convert(JsonNode node, Class<T> type, String what) {
    try {
      return Json.MAPPER.treeToValue(node, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      throw new MalformedMessageException("invalid " + what + ": " + root.getMessage(), e);
    }
  }

  private static String write(JsonNode node) {
    try {
      return Json.MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write message", e);
    }
  }
}
