package dev.dogcatcher.fetcher;

import dev.dogcatcher.config.ConfigException;
import dev.dogcatcher.config.Settings;
import dev.dogcatcher.fetcher.datadog.DatadogSettings;
import dev.dogcatcher.fingerprint.FingerprintRules;
import dev.dogcatcher.fingerprint.Fingerprinter;
import java.net.URI;
import java.time.Duration;

/** The fetcher's settings, read from the names in template.yaml. */
public record FetcherConfig(
    String tableName, String logQueueUrl, DatadogSettings datadog, Duration lag, Duration lookback,
    Fingerprinter fingerprinter) {

  public static FetcherConfig from(Settings settings) {
    return new FetcherConfig(
        settings.required("TABLE_NAME"),
        settings.required("LOG_QUEUE_URL"),
        datadog(settings),
        settings.duration("FETCH_LAG", Duration.ofMinutes(1)),
        settings.duration("FETCH_LOOKBACK", Duration.ofHours(1)),
        fingerprinter(settings));
  }

  /** The fingerprint recipe with DOGCATCHER_APP_PACKAGES and DOGCATCHER_FINGERPRINT_RULES; the CLI reads them too. */
  public static Fingerprinter fingerprinter(Settings settings) {
    return Fingerprinter.from(settings.list("DOGCATCHER_APP_PACKAGES"), FingerprintRules.from(settings));
  }

  /** The Datadog source's settings; shared with the local engine, which reads the same names. */
  public static DatadogSettings datadog(Settings settings) {
    try {
      URI baseUrl =
          settings.has("DATADOG_API_URL")
              ? URI.create(settings.required("DATADOG_API_URL"))
              : DatadogSettings.baseUrlFor(settings.optional("DD_SITE", "datadoghq.com"));
      String query =
          DatadogSettings.query(
              settings.optional("DOGCATCHER_SERVICES", ""),
              settings.optional("DOGCATCHER_ENV", ""),
              settings.optional("DD_QUERY", ""));
      return new DatadogSettings(baseUrl, settings.required("DD_API_KEY"), settings.required("DD_APP_KEY"), query);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }
}
