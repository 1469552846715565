package dev.dogcatcher.analyzer.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static dev.dogcatcher.analyzer.llm.LlmFixtures.answer;
import static dev.dogcatcher.analyzer.llm.LlmFixtures.group;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.dogcatcher.analyzer.Analysts;
import dev.dogcatcher.analyzer.rules.RulesErrorAnalyst;
import dev.dogcatcher.config.ConfigException;
import dev.dogcatcher.config.Settings;
import dev.dogcatcher.domain.Analysis;
import dev.dogcatcher.domain.AnalystKind;
import java.util.Map;
import org.junit.jupiter.api.Test;

@WireMockTest
class AnalystsTest {

  @Test
  void from_whenNoProviderIsSet_usesTheRulesAnalystAlone() {
    Analysts analysts = Analysts.from(Settings.of(Map.of()));

    assertThat(analysts.provider()).isEqualTo("rules");
    assertThat(analysts.primary()).isInstanceOf(RulesErrorAnalyst.class).isSameAs(analysts.fallback());
    assertThat(analysts.usage()).isEmpty();
    assertThat(analysts.description()).isEqualTo("rules");
  }

  @Test
  void from_whenProviderIsRules_usesTheRulesAnalystAlone() {
    assertThat(Analysts.from(Settings.of(Map.of("LLM_PROVIDER", "rules"))).primary()).isInstanceOf(RulesErrorAnalyst.class);
  }

  @Test
  void from_whenProviderIsOpenAi_putsTheLlmFirstAndTheRulesSecond() {
    Analysts analysts = Analysts.from(Settings.of(Map.of("LLM_PROVIDER", "OpenAI", "OPENAI_API_KEY", LlmFixtures.API_KEY)));

    assertThat(analysts.provider()).isEqualTo("openai");
    assertThat(analysts.primary()).isInstanceOf(Langchain4jErrorAnalyst.class);
    assertThat(analysts.fallback()).isInstanceOf(RulesErrorAnalyst.class);
    assertThat(analysts.usage()).isPresent();
    assertThat(analysts.description()).isEqualTo("openai gpt-4o-mini at api.openai.com");
  }

  @Test
  void from_whenProviderIsUnknown_failsNamingTheVariable() {
    assertThatThrownBy(() -> Analysts.from(Settings.of(Map.of("LLM_PROVIDER", "gemini"))))
        .isInstanceOf(ConfigException.class)
        .hasMessage("LLM_PROVIDER=gemini is not available in this build (available: openai, bedrock, ollama, rules)");
  }

  @Test
  void from_whenOpenAiHasNoKey_failsNamingIt() {
    assertThatThrownBy(() -> Analysts.from(Settings.of(Map.of("LLM_PROVIDER", "openai"))))
        .isInstanceOf(ConfigException.class).hasMessage("OPENAI_API_KEY is not set");
  }

  @Test
  void from_whenOpenAiUrlIsPlainHttpToAnotherHost_failsNamingItWithoutTheKey() {
    assertThatThrownBy(() -> Analysts.from(Settings.of(Map.of("LLM_PROVIDER", "openai",
        "OPENAI_API_KEY", LlmFixtures.API_KEY, "OPENAI_BASE_URL", "http://llm.internal.example/v1"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("OPENAI_BASE_URL must use https")
        .hasMessageNotContaining(LlmFixtures.API_KEY);
  }

  @Test
  void from_whenBedrockHasNoModelOrRegion_failsNamingTheVariable() {
    assertThatThrownBy(() -> Analysts.from(Settings.of(Map.of("LLM_PROVIDER", "bedrock", "AWS_REGION", "eu-west-1"))))
        .isInstanceOf(ConfigException.class).hasMessage("BEDROCK_MODEL_ID is not set");
    assertThatThrownBy(() -> Analysts.from(Settings.of(Map.of("LLM_PROVIDER", "bedrock",
        "BEDROCK_MODEL_ID", "anthropic.claude-3-haiku-20240307-v1:0"))))
        .isInstanceOf(ConfigException.class).hasMessage("AWS_REGION is not set");
  }

  @Test
  void from_whenOllamaHasNoUrl_failsNamingIt() {
    assertThatThrownBy(() -> Analysts.from(Settings.of(Map.of("LLM_PROVIDER", "ollama"))))
        .isInstanceOf(ConfigException.class).hasMessage("OLLAMA_BASE_URL is not set");
  }

  @Test
  void from_whenTimeoutIsNotADuration_failsNamingIt() {
    assertThatThrownBy(() -> Analysts.from(Settings.of(Map.of("LLM_PROVIDER", "ollama",
        "OLLAMA_BASE_URL", "http://localhost:11434", "LLM_TIMEOUT", "soon"))))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("LLM_TIMEOUT must be a duration");
  }

  @Test
  void bedrock_analysesThroughTheConverseApi(WireMockRuntimeInfo wireMock) {
    ObjectNode response = (ObjectNode) LlmFixtures.read("bedrock-converse.json");
    ((ObjectNode) response.at("/output/message/content/0")).put("text", answer());
    stubFor(post(urlPathMatching("/model/.+/converse")).willReturn(okJson(response.toString())));
    Analysts analysts = Analysts.from(Settings.of(Map.of("LLM_PROVIDER", "bedrock",
        "BEDROCK_MODEL_ID", "anthropic.claude-3-haiku-20240307-v1:0", "AWS_REGION", "eu-west-1",
        "AWS_ENDPOINT_URL", wireMock.getHttpBaseUrl(), "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test")));

    Analysis analysis = analysts.primary().analyze(group("Read timed out"));

    assertThat(analysis.analyst()).isEqualTo(AnalystKind.LLM);
    assertThat(analysis.title()).isEqualTo("Timeout calling payments-api from checkout");
    assertThat(analysts.usage()).hasValueSatisfying(usage -> {
      assertThat(usage.inputTokens()).isEqualTo(700);
      assertThat(usage.outputTokens()).isEqualTo(120);
    });
    assertThat(analysts.description()).isEqualTo("bedrock anthropic.claude-3-haiku-20240307-v1:0 in eu-west-1");
    verify(1, postRequestedFor(urlPathMatching("/model/.+/converse"))
        .withRequestBody(matchingJsonPath("$.inferenceConfig.temperature", equalTo("0.0"))));
  }

  @Test
  void ollama_analysesThroughTheChatApiWithTheSchemaAsFormat(WireMockRuntimeInfo wireMock) {
    ObjectNode response = (ObjectNode) LlmFixtures.read("ollama-chat.json");
    ((ObjectNode) response.get("message")).put("content", answer());
    stubFor(post("/api/chat").willReturn(okJson(response.toString())));
    Analysts analysts = Analysts.from(Settings.of(Map.of("LLM_PROVIDER", "ollama",
        "OLLAMA_BASE_URL", wireMock.getHttpBaseUrl())));

    Analysis analysis = analysts.primary().analyze(group("Read timed out"));

    assertThat(analysis.analyst()).isEqualTo(AnalystKind.LLM);
    assertThat(analysts.usage()).hasValueSatisfying(usage -> assertThat(usage.inputTokens()).isEqualTo(650));
    assertThat(analysts.description()).isEqualTo("ollama llama3.1 at localhost");
    verify(1, postRequestedFor(urlEqualTo("/api/chat"))
        .withRequestBody(matchingJsonPath("$.format.properties.severity"))
        .withRequestBody(matchingJsonPath("$.model", equalTo("llama3.1")))
        .withRequestBody(matchingJsonPath("$.options.temperature", equalTo("0.0"))));
  }
}
