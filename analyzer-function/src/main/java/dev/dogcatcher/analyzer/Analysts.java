package dev.dogcatcher.analyzer;

import static java.util.Objects.requireNonNull;

import dev.dogcatcher.analyzer.llm.Langchain4jErrorAnalyst;
import dev.dogcatcher.analyzer.llm.LlmUsage;
import dev.dogcatcher.analyzer.rules.RulesErrorAnalyst;
import dev.dogcatcher.config.Settings;
import dev.dogcatcher.port.ErrorAnalyst;
import java.util.Map;
import java.util.Optional;

/**
 * The analysts that LLM_PROVIDER selects, for {@link AnalyzeError}: the LLM as primary with the rules
 * analyst as fallback, or the rules analyst alone (primary and fallback are then the same object).
 * The Lambda handler and the local engine compose from here, so they pick analysts the same way.
 */
public final class Analysts {

  private final String provider;
  private final ErrorAnalyst primary;
  private final ErrorAnalyst fallback;
  private final Langchain4jErrorAnalyst llm;

  private Analysts(String provider, ErrorAnalyst primary, ErrorAnalyst fallback, Langchain4jErrorAnalyst llm) {
    this.provider = requireNonNull(provider, "provider == null");
    this.primary = requireNonNull(primary, "primary == null");
    this.fallback = requireNonNull(fallback, "fallback == null");
    this.llm = llm;
  }

  /**
   * Reads LLM_PROVIDER ({@code rules} when unset) and, for an LLM, its provider's settings.
   *
   * @throws dev.dogcatcher.config.ConfigException naming the variable that is missing or invalid
   */
  public static Analysts from(Settings settings) {
    String provider = AnalyzerConfig.llmProvider(settings);
    ErrorAnalyst rules = new RulesErrorAnalyst();
    if (provider.equals(AnalyzerConfig.RULES)) {
      return new Analysts(provider, rules, rules, null);
    }
    Langchain4jErrorAnalyst llm = Langchain4jErrorAnalyst.from(settings.with(Map.of("LLM_PROVIDER", provider)));
    return new Analysts(provider, llm, rules, llm);
  }

  /** The LLM_PROVIDER in force: {@code rules}, {@code openai}, {@code bedrock} or {@code ollama}. */
  public String provider() {
    return provider;
  }

  /** Asked first. */
  public ErrorAnalyst primary() {
    return primary;
  }

  /** Asked when the primary cannot answer; the rules analyst. */
  public ErrorAnalyst fallback() {
    return fallback;
  }

  /** The LLM's calls and tokens so far; empty when no LLM is configured. */
  public Optional<LlmUsage> usage() {
    return Optional.ofNullable(llm).map(Langchain4jErrorAnalyst::usage);
  }

  /** What answers, for messages: {@code rules}, or the LLM's provider, model and host. */
  public String description() {
    return llm == null ? provider : llm.description();
  }
}
