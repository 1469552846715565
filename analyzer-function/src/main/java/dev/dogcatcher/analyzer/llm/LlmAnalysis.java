package dev.dogcatcher.analyzer.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.dogcatcher.json.Json;
import dev.dogcatcher.port.ErrorAnalyst.AnalystUnavailableException;
import java.util.List;

/**
 * The model's answer, exactly as its JSON schema asks for it; untrusted until {@link AnalysisValidator}
 * has checked every field.
 */
record LlmAnalysis(
    String errorType, String severity, String title, String summary, List<String> causes, List<String> actions) {

  /** Answers longer than this are not read: the output-token cap keeps honest answers far below it. */
  static final int MAX_ANSWER = 20_000;

  /** Reads the model's text; code fences around the object are tolerated (some models add them). */
  static LlmAnalysis parse(String text) {
    if (text == null || text.isBlank()) {
      throw rejected("the answer is empty");
    }
    if (text.length() > MAX_ANSWER) {
      throw rejected("the answer is " + text.length() + " characters long");
    }
    String json = text.strip();
    if (json.startsWith("```")) {
      json = json.replaceFirst("^```[A-Za-z]*\\s*", "").replaceFirst("\\s*```$", "");
    }
    try {
      LlmAnalysis answer = Json.MAPPER.readValue(json, LlmAnalysis.class);
      if (answer == null) {
        throw rejected("the answer is not a JSON object");
      }
      return answer;
    } catch (JsonProcessingException e) {
      // The parser's message quotes the answer: keep it out, the answer is untrusted text.
      throw rejected("the answer is not the JSON object asked for (" + e.getClass().getSimpleName() + ")");
    }
  }

  static AnalystUnavailableException rejected(String reason) {
    return new AnalystUnavailableException("LLM answer rejected: " + reason, null);
  }
}
