package dev.dogcatcher.analyzer.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dogcatcher.config.Settings;
import dev.dogcatcher.domain.ErrorGroup;
import dev.dogcatcher.domain.Sample;
import dev.dogcatcher.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Error groups, settings and fake provider answers for the LLM analyst's tests. */
final class LlmFixtures {

  static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  static final String API_KEY = "sk-test-0123456789abcdef-secret";
  static final String FINGERPRINT = "0123456789abcdef0123";

  private LlmFixtures() {}

  static ErrorGroup group(String message) {
    return group(message, "");
  }

  static ErrorGroup group(String message, String stack) {
    return new ErrorGroup(ErrorGroup.SCHEMA, "run-1", FINGERPRINT, 1, "checkout", "prod",
        "java.net.SocketTimeoutException", "Read timed out calling payments-api after <duration>",
        new Sample(message, stack, "com.acme.checkout.PaymentClient", "i-1", "main", T0, Map.of("http.status_code", "504")),
        12, T0.minusSeconds(300), T0, List.of("l1"), List.of());
  }

  /** Settings for the openai provider against a fake server at {@code baseUrl} (ending in /v1). */
  static Settings openAi(String baseUrl, String... more) {
    Map<String, String> values = new HashMap<>(Map.of(
        "LLM_PROVIDER", "openai", "OPENAI_BASE_URL", baseUrl, "OPENAI_API_KEY", API_KEY,
        "OPENAI_MODEL", "gpt-4o-mini", "LLM_TIMEOUT", "5s"));
    for (int i = 0; i < more.length; i += 2) {
      values.put(more[i], more[i + 1]);
    }
    return Settings.of(values);
  }

  /** The model's JSON answer: the valid one in {@code llm/answer-valid.json}, with some fields replaced. */
  static String answer(Object... replacements) {
    ObjectNode answer = (ObjectNode) read("answer-valid.json");
    for (int i = 0; i < replacements.length; i += 2) {
      answer.set((String) replacements[i], Json.MAPPER.valueToTree(replacements[i + 1]));
    }
    return answer.toString();
  }

  /** An OpenAI chat-completions response whose message content is {@code content}. */
  static String openAiResponse(String content, int promptTokens, int completionTokens) {
    ObjectNode response = (ObjectNode) read("openai-response.json");
    ((ObjectNode) response.at("/choices/0/message")).put("content", content);
    ObjectNode usage = (ObjectNode) response.get("usage");
    usage.put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
        .put("total_tokens", promptTokens + completionTokens);
    return response.toString();
  }

  /** The text of every message of a chat-completions request, by role (content as a string or as parts). */
  static Map<String, String> messages(String requestBody) {
    Map<String, String> byRole = new HashMap<>();
    for (JsonNode message : json(requestBody).get("messages")) {
      JsonNode content = message.get("content");
      StringBuilder text = new StringBuilder();
      if (content.isArray()) {
        content.forEach(part -> text.append(part.path("text").asText()));
      } else {
        text.append(content.asText());
      }
      byRole.merge(message.get("role").asText(), text.toString(), String::concat);
    }
    return byRole;
  }

  static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static JsonNode read(String name) {
    try (InputStream in = LlmFixtures.class.getResourceAsStream("/llm/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource llm/" + name);
      }
      return Json.MAPPER.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
