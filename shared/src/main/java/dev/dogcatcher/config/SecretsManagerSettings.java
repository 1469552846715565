package dev.dogcatcher.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dogcatcher.aws.AwsClients;
import dev.dogcatcher.json.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Loads a Lambda's settings: its environment, plus the secrets of the one Secrets Manager secret that
 * {@code DOGCATCHER_SECRET_ID} names (a JSON object), read once at init. The environment never holds a
 * secret in Lambda; locally, the secrets may come straight from the environment.
 */
public final class SecretsManagerSettings {

  /** The keys read from the secret; anything else in it is ignored. */
  static final List<String> SECRET_KEYS = List.of("DD_API_KEY", "DD_APP_KEY", "JIRA_API_TOKEN", "OPENAI_API_KEY");

  private SecretsManagerSettings() {}

  public static Settings load(Map<String, String> environment) {
    Settings settings = Settings.of(environment);
    if (!settings.has("DOGCATCHER_SECRET_ID")) {
      return settings;
    }
    String secretId = settings.required("DOGCATCHER_SECRET_ID");
    try (SecretsManagerClient client = AwsClients.secretsManager(environment)) {
      String secret = client.getSecretValue(request -> request.secretId(secretId)).secretString();
      return settings.with(parse(secret));
    } catch (SdkException e) {
      throw new ConfigException("DOGCATCHER_SECRET_ID: cannot read secret " + secretId + ": " + e.getClass().getSimpleName());
    }
  }

  static Map<String, String> parse(String secret) {
    JsonNode node;
    try {
      node = secret == null ? null : Json.MAPPER.readTree(secret);
    } catch (JsonProcessingException e) {
      node = null;
    }
    if (node == null || !node.isObject()) {
      // Never echo the secret's text: it is the secret.
      throw new ConfigException("DOGCATCHER_SECRET_ID: the secret must be a JSON object with keys " + SECRET_KEYS);
    }
    Map<String, String> values = new HashMap<>();
    for (String key : SECRET_KEYS) {
      JsonNode value = node.get(key);
      if (value != null && value.isTextual()) {
        values.put(key, value.asText());
      }
    }
    return values;
  }
}
