package dev.dogcatcher.ticket.jira;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dogcatcher.domain.IssueRef;
import dev.dogcatcher.domain.IssueStatus;
import dev.dogcatcher.domain.Ticket;
import dev.dogcatcher.domain.TrackerRejectedException;
import dev.dogcatcher.domain.TrackerUnavailableException;
import dev.dogcatcher.jira.JiraIssuePayload;
import dev.dogcatcher.json.Json;
import dev.dogcatcher.port.TicketTracker;
import dev.dogcatcher.ticket.jira.JiraHttp.Kind;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Files, finds, comments on and reopens tickets in Jira Cloud through its REST API v3, authenticated
 * with an account's email and API token.
 */
public final class JiraTicketTracker implements TicketTracker {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

  private final JiraSettings settings;
  private final JiraHttp http;
  private final Duration requestTimeout;

  public JiraTicketTracker(JiraSettings settings, HttpClient http) {
    this(settings, http, Sleeper.SYSTEM, REQUEST_TIMEOUT);
  }

  JiraTicketTracker(JiraSettings settings, HttpClient http, Sleeper sleeper, Duration requestTimeout) {
    this.settings = requireNonNull(settings, "settings == null");
    this.http = new JiraHttp(
        requireNonNull(http, "http == null"), settings, requireNonNull(sleeper, "sleeper == null"));
    this.requestTimeout = requireNonNull(requestTimeout, "requestTimeout == null");
  }

  /** An HTTP client for Jira: bounded connect timeout, no redirects (they would drop the method or leak the auth). */
  public static HttpClient httpClient() {
    return HttpClient.newBuilder()
        .connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  @Override
  public String destination() {
    return "jira:" + settings.project().projectKey();
  }

  @Override
  public IssueRef create(Ticket ticket) {
    String what = "create an issue in " + settings.project().projectKey();
    ObjectNode body = JiraIssuePayload.create(ticket, settings.project());
    HttpResponse<String> response = http.send(what, post("/rest/api/3/issue", body), Kind.WRITE);
    String key;
    try {
      key = http.json(what, response).path("key").asText("");
    } catch (TrackerUnavailableException e) {
      throw new TrackerUnavailableException(e.getMessage() + "; the issue may exist", e);
    }
    if (key.isBlank()) {
      throw new TrackerUnavailableException(
          "Jira answered HTTP " + response.statusCode() + " to " + what + " without an issue key; the issue may exist");
    }
    return issue(key);
  }

  /** The oldest issue of the project with the label. Jira's search lags writes by seconds. */
  @Override
  public Optional<IssueRef> findByLabel(String label) {
    requireNonNull(label, "label == null");
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("jql", "project = " + jqlString(settings.project().projectKey())
        + " AND labels = " + jqlString(label) + " ORDER BY created ASC");
    body.putArray("fields").add("key").add("status");
    body.put("maxResults", 1);
    String what = "search " + settings.project().projectKey() + " for label " + label;
    JsonNode answer = http.json(what, http.send(what, post("/rest/api/3/search/jql", body), Kind.READ));
    JsonNode issues = answer.path("issues");
    if (!issues.isArray()) {
      throw new TrackerUnavailableException("Jira's answer to " + what + " has no issues array");
    }
    for (JsonNode issue : issues) {
      String key = issue.path("key").asText("");
      if (!key.isBlank()) {
        return Optional.of(issue(key));
      }
    }
    return Optional.empty();
  }

  @Override
  public IssueStatus status(String issueKey) {
    String what = "read the status of " + issueKey;
    HttpRequest request = get("/rest/api/3/issue/" + segment(issueKey) + "?fields=status");
    JsonNode category = http.json(what, http.send(what, request, Kind.READ)).at("/fields/status/statusCategory/key");
    if (!category.isTextual()) {
      throw new TrackerUnavailableException("Jira's answer to " + what + " has no status category");
    }
    return category.asText().equals("done") ? IssueStatus.DONE : IssueStatus.OPEN;
  }

  @Override
  public void comment(String issueKey, String text) {
    String path = "/rest/api/3/issue/" + segment(issueKey) + "/comment";
    http.send("comment on " + issueKey, post(path, JiraIssuePayload.comment(text)), Kind.WRITE);
  }

  /**
   * Moves a done issue back to work through the first transition to a "To Do" status, else to an "In
   * Progress" one. An issue that is not done is left alone, so that a repeated reopen changes nothing.
   */
  @Override
  public void reopen(String issueKey) {
    if (status(issueKey) != IssueStatus.DONE) {
      return;
    }
    String path = "/rest/api/3/issue/" + segment(issueKey) + "/transitions";
    String what = "list the transitions of " + issueKey;
    JsonNode transitions = http.json(what, http.send(what, get(path), Kind.READ)).path("transitions");
    String id = transitionTo("new", transitions).or(() -> transitionTo("indeterminate", transitions)).orElseThrow(
        () -> new TrackerRejectedException("Jira offers no transition that reopens " + issueKey
            + " (available: " + names(transitions) + ")"));
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.putObject("transition").put("id", id);
    http.send("reopen " + issueKey + " (transition " + id + ")", post(path, body), Kind.WRITE);
  }

  private static Optional<String> transitionTo(String category, JsonNode transitions) {
    for (JsonNode transition : transitions) {
      boolean available = transition.path("isAvailable").asBoolean(true);
      if (available && category.equals(transition.at("/to/statusCategory/key").asText())) {
        String id = transition.path("id").asText("");
        if (!id.isBlank()) {
          return Optional.of(id);
        }
      }
    }
    return Optional.empty();
  }

  private static String names(JsonNode transitions) {
    List<String> names = new ArrayList<>();
    transitions.forEach(t -> names.add(t.path("name").asText("?") + " → " + t.at("/to/name").asText("?")));
    return names.isEmpty() ? "none" : String.join(", ", names);
  }

  private IssueRef issue(String key) {
    return new IssueRef(key, settings.baseUrl() + "/browse/" + segment(key));
  }

  private HttpRequest post(String path, JsonNode body) {
    String json;
    try {
      json = Json.MAPPER.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a Jira request body", e);
    }
    return request(path)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
        .build();
  }

  private HttpRequest get(String path) {
    return request(path).GET().build();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(settings.baseUrl() + path))
        .timeout(requestTimeout)
        .header("Authorization", settings.authorization())
        .header("Accept", "application/json")
        .header("User-Agent", "dogcatcher");
  }

  /** A JQL string literal: quoted, with quotes and backslashes escaped. */
  static String jqlString(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String segment(String value) {
    requireNonNull(value, "issueKey == null");
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
