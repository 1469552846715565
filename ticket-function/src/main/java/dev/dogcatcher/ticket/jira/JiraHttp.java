package dev.dogcatcher.ticket.jira;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dogcatcher.domain.TrackerRejectedException;
import dev.dogcatcher.domain.TrackerUnavailableException;
import dev.dogcatcher.json.Json;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one Jira request with bounded retries and translates every failure into the tracker's two
 * exceptions.
 *
 * <p>Reads are retried after a 429, a 5xx or no answer. Writes are retried only after a 429, which
 * Jira sends before doing anything: a write whose answer was lost, or that failed with a 5xx, may have
 * happened, and sending it again could file a second issue.
 */
final class JiraHttp {

  /** Whether a request may be repeated when its outcome is unknown. */
  enum Kind {
    READ,
    WRITE
  }

  static final int MAX_ATTEMPTS = 3;

  /** All waits of one call together; a longer Retry-After is not waited for. */
  static final Duration MAX_WAIT = Duration.ofSeconds(30);

  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

  private static final int MAX_DETAIL = 500;

  private static final Logger LOG = LoggerFactory.getLogger(JiraHttp.class);

  private final HttpClient http;
  private final JiraSettings settings;
  private final Sleeper sleeper;

  JiraHttp(HttpClient http, JiraSettings settings, Sleeper sleeper) {
    this.http = http;
    this.settings = settings;
    this.sleeper = sleeper;
  }

  /**
   * Sends the request and returns its 2xx answer.
   *
   * @param what what the request does, for messages (e.g. {@code create an issue in OPS})
   * @throws TrackerRejectedException when Jira refused a write (4xx, or 429 past the retries)
   * @throws TrackerUnavailableException when there was no usable answer, or a read failed
   */
  HttpResponse<String> send(String what, HttpRequest request, Kind kind) {
    Duration waited = Duration.ZERO;
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        Duration wait = backoff(attempt);
        if (kind == Kind.READ && mayRetry(attempt, waited, wait)) {
          pause(what, "no answer (" + e.getClass().getSimpleName() + ")", wait, attempt, kind);
          waited = waited.plus(wait);
          continue;
        }
        throw new TrackerUnavailableException(
            settings.redact("Jira gave no answer to " + what + " (" + e + ")" + unknownOutcome(kind)), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TrackerUnavailableException(
            "interrupted while waiting for Jira to " + what + unknownOutcome(kind), e);
      }
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return response;
      }
      if (status == 429) {
        Duration wait = retryAfter(response).orElse(backoff(attempt));
        if (mayRetry(attempt, waited, wait)) {
          pause(what, "HTTP 429", wait, attempt, kind);
          waited = waited.plus(wait);
          continue;
        }
        String message = "Jira rate-limited " + what + " (HTTP 429, attempt " + attempt + ", Retry-After "
            + response.headers().firstValue("Retry-After").orElse("absent") + ")";
        throw kind == Kind.WRITE ? rejected(message) : unavailable(message);
      }
      if (status >= 500) {
        Duration wait = backoff(attempt);
        if (kind == Kind.READ && mayRetry(attempt, waited, wait)) {
          pause(what, "HTTP " + status, wait, attempt, kind);
          waited = waited.plus(wait);
          continue;
        }
        throw unavailable("Jira answered HTTP " + status + " to " + what + detail(response) + unknownOutcome(kind));
      }
      String hint = status == 401 || status == 403
          ? " (check JIRA_EMAIL, JIRA_API_TOKEN and the account's permissions)"
          : "";
      String message = "Jira refused to " + what + ": HTTP " + status + hint + detail(response);
      throw kind == Kind.WRITE ? rejected(message) : unavailable(message);
    }
  }

  /** The body of a 2xx answer as JSON. */
  JsonNode json(String what, HttpResponse<String> response) {
    try {
      JsonNode node = Json.MAPPER.readTree(response.body());
      if (node == null || !node.isObject()) {
        throw unavailable("Jira's answer to " + what + " is not a JSON object (HTTP " + response.statusCode() + ")");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new TrackerUnavailableException(
          "Jira's answer to " + what + " is not JSON (HTTP " + response.statusCode() + ")", e);
    }
  }

  private boolean mayRetry(int attempt, Duration waited, Duration wait) {
    return attempt < MAX_ATTEMPTS && waited.plus(wait).compareTo(MAX_WAIT) <= 0;
  }

  private void pause(String what, String reason, Duration wait, int attempt, Kind kind) {
    LOG.warn("Jira: {} to {}; retrying in {} ms (attempt {}/{})",
        reason, what, wait.toMillis(), attempt + 1, MAX_ATTEMPTS);
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      String message = "interrupted while waiting to retry " + what;
      // Only a refused write (429) or a read is ever waited for: nothing happened in Jira.
      throw kind == Kind.WRITE ? new TrackerRejectedException(message, e) : new TrackerUnavailableException(message, e);
    }
  }

  private static Duration backoff(int attempt) {
    return FIRST_BACKOFF.multipliedBy(1L << (attempt - 1));
  }

  /**
   * Jira's Retry-After, in seconds
   * (https://developer.atlassian.com/cloud/jira/platform/build-an-app-that-respects-rate-limits/).
   */
  private static Optional<Duration> retryAfter(HttpResponse<String> response) {
    Optional<String> header = response.headers().firstValue("Retry-After");
    if (header.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(header.get().trim()))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String unknownOutcome(Kind kind) {
    return kind == Kind.WRITE ? "; the outcome is unknown" : "";
  }

  /** Jira's own words from an error body: {@code errorMessages} and {@code errors} (field: message). */
  private String detail(HttpResponse<String> response) {
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(response.body());
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return "";
    }
    if (body == null || !body.isObject()) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    body.path("errorMessages").forEach(message -> parts.add(message.asText()));
    Iterator<Map.Entry<String, JsonNode>> errors = body.path("errors").fields();
    while (errors.hasNext()) {
      Map.Entry<String, JsonNode> error = errors.next();
      parts.add(error.getKey() + ": " + error.getValue().asText());
    }
    if (parts.isEmpty() && body.path("message").isTextual()) {
      parts.add(body.path("message").asText());
    }
    String text = String.join("; ", parts).replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
    if (text.isEmpty()) {
      return "";
    }
    return ": " + (text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "…" : text);
  }

  private TrackerRejectedException rejected(String message) {
    return new TrackerRejectedException(settings.redact(message));
  }

  private TrackerUnavailableException unavailable(String message) {
    return new TrackerUnavailableException(settings.redact(message));
  }
}
