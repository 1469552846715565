package dev.dogcatcher.analyzer.llm;

import dev.dogcatcher.config.ConfigException;
import dev.dogcatcher.config.Settings;
import dev.langchain4j.model.bedrock.BedrockChatModel;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClientBuilder;

/**
 * The LLM providers this build has (LLM_PROVIDER), each building its langchain4j chat model from the
 * settings: temperature 0, a timeout, JSON-schema output, and no retries of its own (the analyst
 * retries once; SQS retries the whole message after that).
 */
enum LlmProvider {

  /** OpenAI or any OpenAI-compatible endpoint (OPENAI_BASE_URL). */
  OPENAI("openai") {
    @Override
    Model model(Settings settings, Duration timeout) {
      URI baseUrl = url(settings, "OPENAI_BASE_URL", DEFAULT_OPENAI_URL, true);
      String apiKey = settings.required("OPENAI_API_KEY");
      String model = settings.optional("OPENAI_MODEL", "gpt-4o-mini");
      ChatModel chat = OpenAiChatModel.builder()
          .baseUrl(baseUrl.toString())
          .apiKey(apiKey)
          .modelName(model)
          .temperature(0.0)
          .timeout(timeout)
          .maxRetries(MAX_RETRIES)
          .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
          .strictJsonSchema(true)
          .build();
      return new Model(chat, "openai " + model + " at " + baseUrl.getHost(), List.of(apiKey));
    }
  },

  /** Amazon Bedrock's Converse API (BEDROCK_MODEL_ID in AWS_REGION), with the function's role credentials. */
  BEDROCK("bedrock") {
    @Override
    Model model(Settings settings, Duration timeout) {
      String modelId = settings.required("BEDROCK_MODEL_ID");
      Region region = Region.of(settings.required("AWS_REGION"));
      BedrockRuntimeClientBuilder client = BedrockRuntimeClient.builder()
          .region(region)
          .httpClientBuilder(UrlConnectionHttpClient.builder()
              .connectionTimeout(CONNECT_TIMEOUT)
              .socketTimeout(timeout))
          // The analyst retries once; the SDK's own retries would multiply that.
          .overrideConfiguration(config -> config
              .apiCallAttemptTimeout(timeout)
              .apiCallTimeout(timeout)
              .retryStrategy(retries -> retries.maxAttempts(1)))
          .credentialsProvider(credentials(settings));
      if (settings.has("AWS_ENDPOINT_URL")) {
        client.endpointOverride(url(settings, "AWS_ENDPOINT_URL", null, false));
      }
      ChatModel chat = BedrockChatModel.builder()
          .client(client.build())
          .modelId(modelId)
          .maxRetries(MAX_RETRIES)
          .timeout(timeout)
          .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
          .build();
      return new Model(chat, "bedrock " + modelId + " in " + region.id(), List.of());
    }
  },

  /** An Ollama server (OLLAMA_BASE_URL) running OLLAMA_MODEL. */
  OLLAMA("ollama") {
    @Override
    Model model(Settings settings, Duration timeout) {
      URI baseUrl = url(settings, "OLLAMA_BASE_URL", null, false);
      String model = settings.optional("OLLAMA_MODEL", "llama3.1");
      ChatModel chat = OllamaChatModel.builder()
          .baseUrl(baseUrl.toString())
          .modelName(model)
          .temperature(0.0)
          .timeout(timeout)
          .maxRetries(MAX_RETRIES)
          .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
          .build();
      return new Model(chat, "ollama " + model + " at " + baseUrl.getHost(), List.of());
    }
  };

  static final String DEFAULT_OPENAI_URL = "https://api.openai.com/v1";

  /** None: {@link Langchain4jErrorAnalyst} makes the one retry itself, without langchain4j's WARN stack traces. */
  static final int MAX_RETRIES = 0;

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  private final String id;

  LlmProvider(String id) {
    this.id = id;
  }

  /** The LLM_PROVIDER value. */
  String id() {
    return id;
  }

  /** A chat model, what to call it in logs and messages, and the secrets that must never be shown. */
  record Model(ChatModel chat, String description, List<String> secrets) {}

  /**
   * Builds the provider's model.
   *
   * @throws ConfigException naming the variable that is missing or invalid
   */
  abstract Model model(Settings settings, Duration timeout);

  static LlmProvider of(String id) {
    for (LlmProvider provider : values()) {
      if (provider.id.equals(id.strip().toLowerCase(Locale.ROOT))) {
        return provider;
      }
    }
    throw new ConfigException("LLM_PROVIDER=" + id + " is not an LLM provider (available: " + ids() + ")");
  }

  static List<String> ids() {
    return Arrays.stream(values()).map(LlmProvider::id).toList();
  }

  /**
   * An http(s) base URL. A URL that carries an API key must use https, except to this machine: the key
   * travels with every request.
   */
  static URI url(Settings settings, String name, String fallback, boolean carriesKey) {
    String value = fallback == null ? settings.required(name) : settings.optional(name, fallback);
    URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(name + " is not a URL: '" + value + "'");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new ConfigException(name + " must be an http(s) URL, was '" + value + "'");
    }
    if (uri.getRawUserInfo() != null || uri.getRawQuery() != null) {
      throw new ConfigException(name + " must not carry credentials or a query: " + uri.getHost());
    }
    if (carriesKey && scheme.equals("http") && !LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
      throw new ConfigException(name + " must use https (the API key travels with every request): " + value);
    }
    return uri;
  }

  /** Keys in the settings win (tests, a local run); else the default chain (Lambda's role credentials). */
  private static AwsCredentialsProvider credentials(Settings settings) {
    if (settings.has("AWS_ACCESS_KEY_ID") && settings.has("AWS_SECRET_ACCESS_KEY")) {
      String keyId = settings.required("AWS_ACCESS_KEY_ID");
      String secret = settings.required("AWS_SECRET_ACCESS_KEY");
      return StaticCredentialsProvider.create(settings.has("AWS_SESSION_TOKEN")
          ? AwsSessionCredentials.create(keyId, secret, settings.required("AWS_SESSION_TOKEN"))
          : AwsBasicCredentials.create(keyId, secret));
    }
    return DefaultCredentialsProvider.builder().build();
  }
}
