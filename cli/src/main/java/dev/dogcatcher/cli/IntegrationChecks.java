package dev.dogcatcher.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dogcatcher.analyzer.Analysts;
import dev.dogcatcher.config.ConfigException;
import dev.dogcatcher.config.Settings;
import dev.dogcatcher.domain.Analysis;
import dev.dogcatcher.domain.ErrorGroup;
import dev.dogcatcher.domain.Sample;
import dev.dogcatcher.fetcher.FetcherConfig;
import dev.dogcatcher.fetcher.datadog.DatadogSettings;
import dev.dogcatcher.json.Json;
import dev.dogcatcher.port.ErrorAnalyst.AnalystUnavailableException;
import dev.dogcatcher.ticket.TicketConfig;
import dev.dogcatcher.ticket.jira.JiraSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Read-only probes of each configured integration — Jira, Datadog, the LLM — for {@code dogcatcher
 * check}. Each probe answers with a {@link Result} and never throws for a failure of the integration;
 * no result, message or exception carries a secret (answers are described by status code, never by
 * body).
 */
final class IntegrationChecks {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

  /** At most this many issue type names are listed when the configured one is missing. */
  private static final int MAX_LISTED = 10;

  /** What a probe found. */
  enum Status {
    OK,
    FAIL,
    SKIPPED
  }

  /** One line of the report: what was checked, and how it went. */
  record Result(String name, Status status, String detail) {

    Result {
      requireNonNull(name, "name == null");
      requireNonNull(status, "status == null");
      requireNonNull(detail, "detail == null");
    }

    static Result ok(String name, String detail) {
      return new Result(name, Status.OK, detail);
    }

    static Result fail(String name, String reason) {
      return new Result(name, Status.FAIL, reason);
    }

    static Result notConfigured(String name, String detail) {
      return new Result(name, Status.SKIPPED, detail);
    }

    /** {@code name: ok (detail)}, {@code name: FAIL: reason} or {@code name: skipped: not configured (detail)}. */
    String line() {
      return switch (status) {
        case OK -> name + ": ok" + (detail.isEmpty() ? "" : " (" + detail + ")");
        case FAIL -> name + ": FAIL: " + detail;
        case SKIPPED -> name + ": skipped: not configured" + (detail.isEmpty() ? "" : " (" + detail + ")");
      };
    }
  }

  private final HttpClient http;
  private final Clock clock;

  IntegrationChecks(HttpClient http, Clock clock) {
    this.http = requireNonNull(http, "http == null");
    this.clock = requireNonNull(clock, "clock == null");
  }

  /** A client for the probes: bounded connect timeout, no redirects (they would carry the credentials on). */
  static HttpClient httpClient() {
    return HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** Every configured integration, in a fixed order: Jira credentials, Jira project, Datadog, LLM. */
  List<Result> all(Settings settings) {
    List<Result> results = new ArrayList<>(jira(settings));
    results.add(datadog(settings));
    results.add(llm(settings));
    return results;
  }

  /**
   * The credentials ({@code GET /rest/api/3/myself}), then the project and its issue type ({@code GET
   * /rest/api/3/project/{key}}). Configured when JIRA_BASE_URL, JIRA_EMAIL or JIRA_API_TOKEN is set.
   */
  List<Result> jira(Settings settings) {
    String credentials = "jira credentials";
    String project = "jira project";
    if (!(settings.has("JIRA_BASE_URL") || settings.has("JIRA_EMAIL") || settings.has("JIRA_API_TOKEN"))) {
      return List.of(Result.notConfigured(credentials, "JIRA_BASE_URL"), Result.notConfigured(project, "JIRA_BASE_URL"));
    }
    JiraSettings jira;
    try {
      jira = TicketConfig.from(settings.with(Map.of("DRY_RUN", "false")), Path.of(".")).jira().orElseThrow();
    } catch (ConfigException | IllegalArgumentException e) {
      return List.of(Result.fail(credentials, e.getMessage()), Result.fail(project, "not checked: " + e.getMessage()));
    }
    String authorization = "Basic " + Base64.getEncoder()
        .encodeToString((jira.email() + ":" + jira.apiToken()).getBytes(StandardCharsets.UTF_8));
    String host = jira.baseUrl().getHost();

    Answer myself = get(jira.baseUrl() + "/rest/api/3/myself", Map.of("Authorization", authorization));
    if (!myself.ok()) {
      String reason = myself.status() == 401
          ? "Jira at " + host + " rejected JIRA_EMAIL and JIRA_API_TOKEN (HTTP 401)"
          : myself.describe("Jira at " + host);
      return List.of(Result.fail(credentials, reason), Result.fail(project, "not checked: the credentials failed"));
    }
    String who = myself.json().path("displayName").asText("");
    Result credentialsOk = Result.ok(credentials, host + (who.isBlank() ? "" : ", as " + who));

    String key = jira.project().projectKey();
    String issueType = jira.project().issueType();
    Answer answer = get(jira.baseUrl() + "/rest/api/3/project/" + URLEncoder.encode(key, StandardCharsets.UTF_8),
        Map.of("Authorization", authorization));
    if (answer.status() == 404) {
      return List.of(credentialsOk, Result.fail(project,
          "project " + key + " does not exist or this account cannot see it (HTTP 404); check JIRA_PROJECT_KEY"));
    }
    if (!answer.ok()) {
      return List.of(credentialsOk, Result.fail(project, answer.describe("Jira at " + host)));
    }
    List<String> names = new ArrayList<>();
    answer.json().path("issueTypes").forEach(type -> names.add(type.path("name").asText("")));
    if (!names.contains(issueType)) {
      String listed = String.join(", ", names.stream().filter(name -> !name.isBlank()).limit(MAX_LISTED).toList());
      return List.of(credentialsOk, Result.fail(project, "project " + key + " has no issue type '" + issueType
          + "' (it has: " + (listed.isEmpty() ? "none" : listed) + "); check JIRA_ISSUE_TYPE"));
    }
    return List.of(credentialsOk, Result.ok(project, key + ", issue type " + issueType));
  }

  /**
   * The API key ({@code GET /api/v1/validate}), then the application key's right to read logs (one log
   * of the configured query over the last 15 minutes). Configured when DD_API_KEY or DD_APP_KEY is set.
   */
  Result datadog(Settings settings) {
    String name = "datadog";
    if (!(settings.has("DD_API_KEY") || settings.has("DD_APP_KEY"))) {
      return Result.notConfigured(name, "DD_API_KEY");
    }
    DatadogSettings datadog;
    try {
      datadog = FetcherConfig.datadog(settings);
    } catch (ConfigException e) {
      return Result.fail(name, e.getMessage());
    }
    String host = datadog.baseUrl().getHost();
    Answer validate = get(datadog.baseUrl() + "/api/v1/validate", Map.of("DD-API-KEY", datadog.apiKey()));
    if (validate.status() == 403 || validate.status() == 401) {
      return Result.fail(name, "Datadog at " + host + " rejected DD_API_KEY (HTTP " + validate.status()
          + "); check the key and DD_SITE");
    }
    if (!validate.ok()) {
      return Result.fail(name, validate.describe("Datadog at " + host));
    }
    if (!validate.json().path("valid").asBoolean(false)) {
      return Result.fail(name, "Datadog at " + host + " says DD_API_KEY is not valid");
    }
    String logs = datadog.baseUrl() + "/api/v2/logs/events?page%5Blimit%5D=1&filter%5Bfrom%5D=now-15m"
        + "&filter%5Bquery%5D=" + URLEncoder.encode(datadog.query(), StandardCharsets.UTF_8);
    Answer search = get(logs, Map.of("DD-API-KEY", datadog.apiKey(), "DD-APPLICATION-KEY", datadog.appKey()));
    if (search.status() == 403 || search.status() == 401) {
      return Result.fail(name, "DD_API_KEY is valid, but Datadog at " + host + " refused DD_APP_KEY a log search (HTTP "
          + search.status() + "); it needs the logs_read_data permission");
    }
    if (search.status() == 400) {
      return Result.fail(name, "Datadog at " + host + " refused the log query (HTTP 400): " + datadog.query());
    }
    if (!search.ok()) {
      return Result.fail(name, search.describe("Datadog at " + host));
    }
    return Result.ok(name, host + ", API key valid, application key reads logs");
  }

  /** One small analysis by the configured LLM. Configured when LLM_PROVIDER is set and not {@code rules}. */
  Result llm(Settings settings) {
    String name = "llm";
    String provider = settings.optional("LLM_PROVIDER", "rules").strip().toLowerCase(Locale.ROOT);
    if (provider.equals("rules")) {
      return Result.notConfigured(name, "LLM_PROVIDER is rules: the rules analyst writes every analysis");
    }
    Analysts analysts;
    try {
      analysts = Analysts.from(settings);
    } catch (ConfigException e) {
      return Result.fail(name, e.getMessage());
    }
    try {
      Analysis analysis = analysts.primary().analyze(probe());
      long input = analysts.usage().map(usage -> usage.inputTokens()).orElse(0L);
      long output = analysts.usage().map(usage -> usage.outputTokens()).orElse(0L);
      return Result.ok(name, analysts.description() + ", answered '" + analysis.errorType() + "' with "
          + input + " input and " + output + " output tokens");
    } catch (AnalystUnavailableException e) {
      return Result.fail(name, e.getMessage());
    }
  }

  /** A tiny made-up error: enough for the model to fill every field of its schema. */
  private ErrorGroup probe() {
    Instant now = clock.instant();
    String message = "Read timed out after 30000 ms calling inventory-api";
    return new ErrorGroup(ErrorGroup.SCHEMA, "check-" + now, "dogcatchercheck00000", 1, "dogcatcher-check", "check",
        "java.net.SocketTimeoutException", "Read timed out after <int> ms calling inventory-api",
        new Sample(message, "", "dev.dogcatcher.cli.CheckCommand", "localhost", "main", now, Map.of()),
        1, now, now, List.of(), List.of());
  }

  private Answer get(String url, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET().timeout(REQUEST_TIMEOUT)
        .header("Accept", "application/json").header("User-Agent", "dogcatcher-check");
    headers.forEach(request::header);
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(response.statusCode(), response.body(), "");
    } catch (IOException e) {
      return new Answer(0, "", e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(0, "", "interrupted");
    }
  }

  /** A probe's HTTP answer: a status (0 when none came), the body, or why there was no answer. */
  private record Answer(int status, String body, String failure) {

    boolean ok() {
      return status >= 200 && status < 300;
    }

    JsonNode json() {
      try {
        return Optional.ofNullable(Json.MAPPER.readTree(body)).orElse(Json.MAPPER.missingNode());
      } catch (JsonProcessingException e) {
        return Json.MAPPER.missingNode();
      }
    }

    String describe(String who) {
      return status == 0 ? "no answer from " + who + " (" + failure + ")" : who + " answered HTTP " + status;
    }
  }
}
