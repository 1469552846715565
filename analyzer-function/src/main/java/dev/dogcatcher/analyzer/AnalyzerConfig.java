package dev.dogcatcher.analyzer;

import dev.dogcatcher.config.ConfigException;
import dev.dogcatcher.config.Destinations;
import dev.dogcatcher.config.Settings;
import java.util.List;

/** The analyzer's settings, read from the names in template.yaml. */
public record AnalyzerConfig(String tableName, String ticketQueueUrl, String destination, String llmProvider) {

  static final List<String> PROVIDERS = List.of("rules");

  public static AnalyzerConfig from(Settings settings) {
    return new AnalyzerConfig(
        settings.required("TABLE_NAME"),
        settings.required("TICKET_QUEUE_URL"),
        Destinations.of(settings),
        llmProvider(settings));
  }

  /** LLM_PROVIDER, checked against the providers this build has; the local engine reads it too. */
  public static String llmProvider(Settings settings) {
    String provider = settings.optional("LLM_PROVIDER", "rules");
    if (!PROVIDERS.contains(provider)) {
      throw new ConfigException("LLM_PROVIDER=" + provider + " is not available in this build (available: "
          + String.join(", ", PROVIDERS) + ")");
    }
    return provider;
  }
}
