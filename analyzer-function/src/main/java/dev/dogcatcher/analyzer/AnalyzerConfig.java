package dev.dogcatcher.analyzer;

import dev.dogcatcher.config.ConfigException;
import dev.dogcatcher.config.Destinations;
import dev.dogcatcher.config.Settings;
import java.util.List;

/** The analyzer's settings, read from the names in template.yaml. */
record AnalyzerConfig(String tableName, String ticketQueueUrl, String destination, String llmProvider) {

  static final List<String> PROVIDERS = List.of("rules");

  static AnalyzerConfig from(Settings settings) {
    String provider = settings.optional("LLM_PROVIDER", "rules");
    if (!PROVIDERS.contains(provider)) {
      throw new ConfigException("LLM_PROVIDER=" + provider + " is not available in this build (available: "
          + String.join(", ", PROVIDERS) + ")");
    }
    return new AnalyzerConfig(
        settings.required("TABLE_NAME"),
        settings.required("TICKET_QUEUE_URL"),
        Destinations.of(settings),
        provider);
  }
}
