package dev.dogcatcher.analyzer;

import dev.dogcatcher.analyzer.llm.Langchain4jErrorAnalyst;
import dev.dogcatcher.config.ConfigException;
import dev.dogcatcher.config.Destinations;
import dev.dogcatcher.config.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The analyzer's settings, read from the names in template.yaml. */
public record AnalyzerConfig(String tableName, String ticketQueueUrl, String destination, String llmProvider) {

  /** The LLM_PROVIDER value for the deterministic rules analyst alone. */
  static final String RULES = "rules";

  static final List<String> PROVIDERS = providers();

  public static AnalyzerConfig from(Settings settings) {
    return new AnalyzerConfig(
        settings.required("TABLE_NAME"),
        settings.required("TICKET_QUEUE_URL"),
        Destinations.of(settings),
        llmProvider(settings));
  }

  /** LLM_PROVIDER, lower-cased and checked against the providers this build has; the local engine reads it too. */
  public static String llmProvider(Settings settings) {
    String provider = settings.optional("LLM_PROVIDER", RULES).toLowerCase(Locale.ROOT);
    if (!PROVIDERS.contains(provider)) {
      throw new ConfigException("LLM_PROVIDER=" + provider + " is not available in this build (available: "
          + String.join(", ", PROVIDERS) + ")");
    }
    return provider;
  }

  private static List<String> providers() {
    List<String> providers = new ArrayList<>(Langchain4jErrorAnalyst.PROVIDERS);
    providers.add(RULES);
    return List.copyOf(providers);
  }
}
