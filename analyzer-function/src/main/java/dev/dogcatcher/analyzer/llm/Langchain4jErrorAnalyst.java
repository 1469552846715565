package dev.dogcatcher.analyzer.llm;

import static java.util.Objects.requireNonNull;

import dev.dogcatcher.config.Settings;
import dev.dogcatcher.domain.Analysis;
import dev.dogcatcher.domain.ErrorGroup;
import dev.dogcatcher.port.ErrorAnalyst;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * The production analyst: asks an LLM (OpenAI-compatible, Bedrock or Ollama, through langchain4j) for
 * the analysis of a new error, as JSON that fits a schema, and validates every field in code.
 *
 * <p>A call that failed quickly but may pass (429, 5xx, no connection) is tried once more after
 * {@link #RETRY_PAUSE}. It throws {@link AnalystUnavailableException} — so that the caller falls back
 * to the rules analyst — when the call fails, when the answer is rejected, and, without calling, while its circuit
 * breaker is open ({@value #FAILURE_THRESHOLD} consecutive failures open it for one minute). Each call
 * logs one INFO line with the fingerprint, the outcome, the tokens and the latency, never the prompt;
 * the totals are in {@link #usage()}. Thread-safe.
 */
public final class Langchain4jErrorAnalyst implements ErrorAnalyst {

  /** The LLM_PROVIDER values this analyst serves. */
  public static final List<String> PROVIDERS = LlmProvider.ids();

  static final int FAILURE_THRESHOLD = 3;
  static final Duration COOL_DOWN = Duration.ofSeconds(60);
  /**
   * Per request. Three timeouts in a row (75 s) open the breaker well within the analyzer's 120 s Lambda
   * timeout, so a hanging model costs one slow batch, not a batch that times out and is redelivered.
   */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(25);

  /** The pause before the one retry of a call that may succeed a moment later. */
  static final Duration RETRY_PAUSE = Duration.ofMillis(500);

  /** Bounds the cost of one answer; the schema's limits fit well within it. */
  static final int MAX_OUTPUT_TOKENS = 1_024;

  static final ResponseFormat RESPONSE_FORMAT = ResponseFormat.builder()
      .type(ResponseFormatType.JSON)
      .jsonSchema(JsonSchema.builder()
          .name("error_analysis")
          .rootElement(JsonObjectSchema.builder()
              .addEnumProperty("errorType", AnalysisValidator.ERROR_TYPES)
              .addEnumProperty("severity", List.of("low", "medium", "high"))
              .addStringProperty("title", "One line, at most 100 characters")
              .addStringProperty("summary", "Two to four sentences, at most 800 characters")
              .addProperty("causes", JsonArraySchema.builder()
                  .description("One to three likely causes").items(new JsonStringSchema()).build())
              .addProperty("actions", JsonArraySchema.builder()
                  .description("One to three next steps").items(new JsonStringSchema()).build())
              .required("errorType", "severity", "title", "summary", "causes", "actions")
              .additionalProperties(false)
              .build())
          .build())
      .build();

  private static final Logger LOG = LoggerFactory.getLogger(Langchain4jErrorAnalyst.class);

  private final ChatModel model;
  private final String description;
  private final List<String> secrets;
  private final CircuitBreaker breaker;
  private final LlmUsage usage = new LlmUsage();

  Langchain4jErrorAnalyst(ChatModel model, String description, List<String> secrets, CircuitBreaker breaker) {
    this.model = requireNonNull(model, "model == null");
    this.description = requireNonNull(description, "description == null");
    this.secrets = secrets.stream().filter(secret -> secret.length() >= 4).toList();
    this.breaker = requireNonNull(breaker, "breaker == null");
  }

  /**
   * The analyst that LLM_PROVIDER ({@link #PROVIDERS}) and the provider's settings describe; LLM_TIMEOUT
   * bounds each request (default 25s).
   *
   * @throws dev.dogcatcher.config.ConfigException naming the missing or invalid variable
   */
  public static Langchain4jErrorAnalyst from(Settings settings) {
    return from(settings, Clock.systemUTC());
  }

  static Langchain4jErrorAnalyst from(Settings settings, Clock clock) {
    LlmProvider provider = LlmProvider.of(settings.required("LLM_PROVIDER"));
    LlmProvider.Model built = provider.model(settings, settings.duration("LLM_TIMEOUT", DEFAULT_TIMEOUT));
    return new Langchain4jErrorAnalyst(built.chat(), built.description(), built.secrets(),
        new CircuitBreaker(FAILURE_THRESHOLD, COOL_DOWN, clock));
  }

  /** The calls and tokens spent so far. */
  public LlmUsage usage() {
    return usage;
  }

  /** Provider, model and host, e.g. {@code openai gpt-4o-mini at api.openai.com}; never a secret. */
  public String description() {
    return description;
  }

  @Override
  public Analysis analyze(ErrorGroup group) {
    requireNonNull(group, "group == null");
    breaker.refusal().ifPresent(reason -> {
      throw new AnalystUnavailableException(reason, null);
    });
    usage.call();
    long started = System.nanoTime();
    String outcome = "failed";
    TokenUsage tokens = null;
    try {
      ChatResponse response = chatWithOneRetry(request(group));
      tokens = response.tokenUsage();
      Analysis analysis = AnalysisValidator.validate(LlmAnalysis.parse(response.aiMessage().text()));
      outcome = "ok";
      return analysis;
    } catch (AnalystUnavailableException e) {
      outcome = "rejected";
      throw e;
    } catch (RuntimeException e) {
      throw unavailable(e);
    } finally {
      // In finally, so that even an Error cannot leave the breaker's trial call in flight for ever.
      if (outcome.equals("ok")) {
        breaker.success();
      } else {
        usage.failure();
        breaker.failure();
      }
      Integer input = tokens == null ? null : tokens.inputTokenCount();
      Integer output = tokens == null ? null : tokens.outputTokenCount();
      usage.tokens(input, output);
      LOG.info("llm call fingerprint={}, llm={}, outcome={}, inputTokens={}, outputTokens={}, latencyMs={}",
          group.fingerprint(), description, outcome, input, output, (System.nanoTime() - started) / 1_000_000);
    }
  }

  static ChatRequest request(ErrorGroup group) {
    return ChatRequest.builder()
        .messages(SystemMessage.from(Prompt.system()), UserMessage.from(Prompt.user(group)))
        .temperature(0.0)
        .maxOutputTokens(MAX_OUTPUT_TOKENS)
        .responseFormat(RESPONSE_FORMAT)
        .build();
  }

  /**
   * Sends the request, and once more after a pause when the failure was quick and may pass (a 429, a
   * 5xx, no connection). A timeout is not retried: a second wait would double the worst case, and
   * {@value #FAILURE_THRESHOLD} timeouts must fit in one Lambda invocation before the breaker opens. The
   * retry is done here rather than by langchain4j, whose retry logs a stack trace at WARN for every
   * attempt; one is enough because SQS redelivers the message after that.
   */
  private ChatResponse chatWithOneRetry(ChatRequest request) {
    try {
      return model.chat(request);
    } catch (NonRetriableException e) {
      throw e;
    } catch (RuntimeException e) {
      if (isTimeout(e)) {
        throw e;
      }
      pause(RETRY_PAUSE);
      return model.chat(request);
    }
  }

  static boolean isTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof TimeoutException || t instanceof HttpTimeoutException
          || t instanceof SocketTimeoutException || t instanceof ApiCallTimeoutException
          || t instanceof ApiCallAttemptTimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AnalystUnavailableException("interrupted before retrying the LLM call", e);
    }
  }

  /**
   * Names the failure by type and HTTP status only: a provider's error body may quote the request. The
   * cause is chained unless some message in it shows a secret.
   */
  private AnalystUnavailableException unavailable(RuntimeException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    Optional<Integer> status = status(e);
    String message = description + " failed: " + e.getClass().getSimpleName()
        + status.map(code -> " (HTTP " + code + ")")
            .orElse(root == e ? "" : " caused by " + root.getClass().getSimpleName());
    return new AnalystUnavailableException(message, showsSecret(e) ? null : e);
  }

  private static Optional<Integer> status(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpException http) {
        return Optional.of(http.statusCode());
      }
      if (t instanceof SdkServiceException aws && aws.statusCode() > 0) {
        return Optional.of(aws.statusCode());
      }
    }
    return Optional.empty();
  }

  private boolean showsSecret(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String text = String.valueOf(t.getMessage());
      if (secrets.stream().anyMatch(text::contains)) {
        return true;
      }
    }
    return false;
  }
}
