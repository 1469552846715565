package dev.dogcatcher.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dogcatcher.json.Json;

/** Answers of an OpenAI-compatible chat completions API, for the fakes of the CLI tests. */
final class OpenAiAnswers {

  private OpenAiAnswers() {}

  /** A chat completion whose message is the analysis JSON, with the token usage given. */
  static String analysis(String errorType, String severity, String title, int promptTokens, int completionTokens) {
    ObjectNode content = Json.MAPPER.createObjectNode();
    content.put("errorType", errorType);
    content.put("severity", severity);
    content.put("title", title);
    content.put("summary", title + ".");
    content.putArray("causes").add("A cause");
    content.putArray("actions").add("An action");
    ObjectNode answer = Json.MAPPER.createObjectNode();
    answer.put("id", "chatcmpl-1");
    answer.put("object", "chat.completion");
    answer.put("created", 1795000000);
    answer.put("model", "gpt-4o-mini");
    ObjectNode choice = answer.putArray("choices").addObject();
    choice.put("index", 0);
    choice.putObject("message").put("role", "assistant").put("content", content.toString());
    choice.put("finish_reason", "stop");
    answer.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
        .put("total_tokens", promptTokens + completionTokens);
    return answer.toString();
  }
}
