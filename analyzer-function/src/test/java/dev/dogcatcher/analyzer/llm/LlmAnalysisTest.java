package dev.dogcatcher.analyzer.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dogcatcher.port.ErrorAnalyst.AnalystUnavailableException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LlmAnalysisTest {

  @Test
  void parse_readsTheObjectAndToleratesCodeFences() {
    String json = "{\"errorType\":\"timeout\",\"severity\":\"low\",\"title\":\"T\",\"summary\":\"S\","
        + "\"causes\":[\"c\"],\"actions\":[],\"extra\":1}";

    assertThat(LlmAnalysis.parse("```json\n" + json + "\n```"))
        .isEqualTo(new LlmAnalysis("timeout", "low", "T", "S", List.of("c"), List.of()));
  }

  @Test
  void parse_whenNotJson_rejectsWithoutQuotingTheAnswer() {
    assertThatThrownBy(() -> LlmAnalysis.parse("I will not answer in JSON: secret-plan"))
        .isInstanceOf(AnalystUnavailableException.class)
        .hasMessageStartingWith("LLM answer rejected: the answer is not the JSON object asked for")
        .hasMessageNotContaining("secret-plan");
  }

  @Test
  void parse_whenEmptyOrHuge_rejects() {
    assertThatThrownBy(() -> LlmAnalysis.parse(" ")).hasMessage("LLM answer rejected: the answer is empty");
    assertThatThrownBy(() -> LlmAnalysis.parse("{" + " ".repeat(LlmAnalysis.MAX_ANSWER) + "}"))
        .hasMessageContaining("characters long");
  }

  @Test
  void parse_whenAFieldHasTheWrongShape_rejects() {
    assertThatThrownBy(() -> LlmAnalysis.parse("{\"causes\":{\"a\":1}}"))
        .isInstanceOf(AnalystUnavailableException.class);
  }
}
