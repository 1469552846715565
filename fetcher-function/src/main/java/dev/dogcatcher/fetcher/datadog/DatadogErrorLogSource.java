package dev.dogcatcher.fetcher.datadog;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dogcatcher.domain.ErrorLog;
import dev.dogcatcher.domain.TimeWindow;
import dev.dogcatcher.json.DatadogLogs;
import dev.dogcatcher.json.Json;
import dev.dogcatcher.json.MalformedMessageException;
import dev.dogcatcher.port.ErrorLogSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads error logs from the Datadog Logs API v2 ({@code POST /api/v2/logs/events/search}), oldest
 * first, following the page cursor to the end of the window.
 *
 * <p>Requests are retried after a 429 (waiting for {@code X-RateLimit-Reset}), a 5xx or no answer,
 * within bounds; then, or when Datadog refuses the keys or the query, a {@link DatadogException} ends
 * the read, so that the fetch window is not marked as read.
 */
public final class DatadogErrorLogSource implements ErrorLogSource {

  static final String PATH = "/api/v2/logs/events/search";

  /** The largest page the API serves. */
  static final int PAGE_LIMIT = 1_000;

  static final int MAX_ATTEMPTS = 5;

  /** All waits for one page together. */
  static final Duration MAX_WAIT = Duration.ofSeconds(60);

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

  private static final int MAX_DETAIL = 500;

  private static final Logger LOG = LoggerFactory.getLogger(DatadogErrorLogSource.class);

  private final DatadogSettings settings;
  private final HttpClient http;
  private final Sleeper sleeper;
  private final Duration requestTimeout;

  public DatadogErrorLogSource(DatadogSettings settings, HttpClient http) {
    this(settings, http, Sleeper.SYSTEM, REQUEST_TIMEOUT);
  }

  DatadogErrorLogSource(DatadogSettings settings, HttpClient http, Sleeper sleeper, Duration requestTimeout) {
    this.settings = requireNonNull(settings, "settings == null");
    this.http = requireNonNull(http, "http == null");
    this.sleeper = requireNonNull(sleeper, "sleeper == null");
    this.requestTimeout = requireNonNull(requestTimeout, "requestTimeout == null");
  }

  /** An HTTP client for Datadog: bounded connect timeout, no redirects (they would carry the keys elsewhere). */
  public static HttpClient httpClient() {
    return HttpClient.newBuilder()
        .connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  @Override
  public String name() {
    return "datadog";
  }

  /**
   * Streams the window's logs into the sink. Logs stamped outside the half-open window (Datadog's
   * bounds are milliseconds, and may include the end) are left to the neighbouring window.
   *
   * @throws DatadogException when a page cannot be read
   */
  @Override
  public void read(TimeWindow window, LogSink sink) {
    requireNonNull(window, "window == null");
    requireNonNull(sink, "sink == null");
    Set<String> cursors = new HashSet<>();
    String cursor = null;
    int page = 0;
    do {
      page++;
      JsonNode answer = search(body(window, cursor), page);
      if ("timeout".equals(answer.at("/meta/status").asText())) {
        throw new DatadogException("Datadog's log search timed out on page " + page
            + " and returned partial results; the window " + window.from() + " to " + window.to() + " was not read");
      }
      JsonNode data = answer.path("data");
      if (!data.isArray()) {
        throw new DatadogException("Datadog's answer to page " + page + " has no data array");
      }
      int index = 0;
      for (JsonNode item : data) {
        index++;
        ErrorLog log;
        try {
          log = DatadogLogs.toErrorLog(item);
        } catch (MalformedMessageException e) {
          sink.reject(position(item, page, index), e.getMessage());
          continue;
        }
        if (window.contains(log.timestamp())) {
          sink.accept(log);
        }
      }
      String next = answer.at("/meta/page/after").asText("");
      if (!next.isBlank() && !cursors.add(next)) {
        throw new DatadogException("Datadog returned the same page cursor twice (page " + page + ")");
      }
      cursor = next.isBlank() ? null : next;
    } while (cursor != null);
  }

  private ObjectNode body(TimeWindow window, String cursor) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    ObjectNode filter = body.putObject("filter");
    filter.put("query", settings.query());
    // Whole milliseconds, widened: the window filter above trims what lies outside.
    filter.put("from", window.from().truncatedTo(ChronoUnit.MILLIS).toString());
    filter.put("to", ceilToMillis(window.to()).toString());
    body.put("sort", "timestamp");
    ObjectNode page = body.putObject("page");
    if (cursor != null) {
      page.put("cursor", cursor);
    }
    page.put("limit", PAGE_LIMIT);
    return body;
  }

  private JsonNode search(ObjectNode body, int page) {
    HttpRequest request = request(body);
    String what = "the log search (page " + page + ")";
    Duration waited = Duration.ZERO;
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> response;
      String failure;
      Duration wait;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        failure = "no answer (" + e + ")";
        wait = backoff(attempt);
        if (!mayRetry(attempt, waited, wait)) {
          throw new DatadogException(settings.redact("Datadog gave " + failure + " to " + what + " after " + attempt
              + " attempt" + (attempt == 1 ? "" : "s")), e);
        }
        waited = waited.plus(pause(what, failure, wait, attempt));
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DatadogException("interrupted while waiting for Datadog's answer to " + what, e);
      }
      int status = response.statusCode();
      if (status == 200) {
        return json(response, what);
      }
      if (status == 429) {
        failure = "HTTP 429";
        wait = rateLimitReset(response).orElse(backoff(attempt));
      } else if (status >= 500) {
        failure = "HTTP " + status;
        wait = backoff(attempt);
      } else if (status == 401 || status == 403) {
        throw new DatadogException(settings.redact("Datadog refused the keys: HTTP " + status
            + " (check DD_API_KEY, DD_APP_KEY and the application key's logs_read_data permission)"
            + detail(response)));
      } else {
        throw new DatadogException(settings.redact("Datadog refused " + what + ": HTTP " + status + detail(response)));
      }
      if (!mayRetry(attempt, waited, wait)) {
        throw new DatadogException(settings.redact("Datadog answered " + failure + " to " + what + " after " + attempt
            + " attempt" + (attempt == 1 ? "" : "s") + detail(response)));
      }
      waited = waited.plus(pause(what, failure, wait, attempt));
    }
  }

  private HttpRequest request(ObjectNode body) {
    String json;
    try {
      json = Json.MAPPER.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a Datadog request body", e);
    }
    return HttpRequest.newBuilder(URI.create(settings.baseUrl() + PATH))
        .timeout(requestTimeout)
        .header("DD-API-KEY", settings.apiKey())
        .header("DD-APPLICATION-KEY", settings.appKey())
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .header("User-Agent", "dogcatcher")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
        .build();
  }

  private JsonNode json(HttpResponse<String> response, String what) {
    try {
      JsonNode node = Json.MAPPER.readTree(response.body());
      if (node == null || !node.isObject()) {
        throw new DatadogException("Datadog's answer to " + what + " is not a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new DatadogException("Datadog's answer to " + what + " is not JSON", e);
    }
  }

  private static boolean mayRetry(int attempt, Duration waited, Duration wait) {
    return attempt < MAX_ATTEMPTS && waited.plus(wait).compareTo(MAX_WAIT) <= 0;
  }

  private Duration pause(String what, String failure, Duration wait, int attempt) {
    LOG.warn("Datadog: {} to {}; retrying in {} ms (attempt {}/{})",
        failure, what, wait.toMillis(), attempt + 1, MAX_ATTEMPTS);
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DatadogException("interrupted while waiting to retry " + what, e);
    }
    return wait;
  }

  private static Duration backoff(int attempt) {
    return FIRST_BACKOFF.multipliedBy(1L << (attempt - 1));
  }

  /**
   * Seconds until the rate limit resets, at least one
   * (https://docs.datadoghq.com/api/latest/rate-limits/).
   */
  private static Optional<Duration> rateLimitReset(HttpResponse<String> response) {
    Optional<String> header = response.headers().firstValue("X-RateLimit-Reset");
    if (header.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.ofSeconds(Math.max(1, Long.parseLong(header.get().trim()))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Datadog's own words from an error body: {@code errors} as strings or as {@code {title, detail}} objects. */
  private static String detail(HttpResponse<String> response) {
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(response.body());
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return "";
    }
    if (body == null) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    for (JsonNode error : body.path("errors")) {
      if (error.isTextual()) {
        parts.add(error.asText());
      } else if (error.isObject()) {
        String title = error.path("title").asText("");
        String detail = error.path("detail").asText("");
        parts.add(detail.isBlank() ? title : title.isBlank() ? detail : title + ": " + detail);
      }
    }
    String text = String.join("; ", parts).replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
    if (text.isEmpty()) {
      return "";
    }
    return ": " + (text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "…" : text);
  }

  private static String position(JsonNode item, int page, int index) {
    JsonNode id = item == null ? null : item.get("id");
    return id != null && id.isTextual() && !id.asText().isBlank()
        ? "datadog id " + id.asText()
        : "datadog page " + page + " item " + index;
  }

  private static Instant ceilToMillis(Instant instant) {
    Instant floor = instant.truncatedTo(ChronoUnit.MILLIS);
    return floor.equals(instant) ? floor : floor.plusMillis(1);
  }
}
