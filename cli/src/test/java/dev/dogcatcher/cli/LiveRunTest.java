package dev.dogcatcher.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.dogcatcher.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * `dogcatcher run --live` with Datadog, Jira and an OpenAI-compatible LLM faked on loopback, configured
 * only through the environment variables of DESIGN §7: one ticket per new error, none on a second run,
 * and no secret in any prompt or ticket.
 */
class LiveRunTest {

  private static final String DD_API_KEY = "dd-api-key-0123456789abcdef";
  private static final String DD_APP_KEY = "dd-app-key-fedcba9876543210";
  private static final String JIRA_TOKEN = "jira-token-ATATT3xFfGF0";
  private static final String OPENAI_KEY = "sk-test-openai-key-000111222";
  /** Secrets and personal data that users' logs carry. */
  private static final List<String> LOG_SECRETS =
      List.of("hunter2", "AKIAIOSFODNN", "EXAMPLE", "maria.garcia@example.com", "4111 1111 1111 1111",
          "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJlc2ln");

  @RegisterExtension
  static WireMockExtension datadog = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @RegisterExtension
  static WireMockExtension jira = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().globalTemplating(true)).build();

  @RegisterExtension
  static WireMockExtension llm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void fakes() {
    datadog.stubFor(post(urlPathEqualTo("/api/v2/logs/events/search"))
        .willReturn(okJson(datadogPage(java.time.Instant.now().minusSeconds(300)))));
    jira.stubFor(post(urlPathEqualTo("/rest/api/3/search/jql"))
        .willReturn(okJson("{\"issues\":[],\"isLast\":true}")));
    jira.stubFor(post(urlPathEqualTo("/rest/api/3/issue")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"id\":\"1{{randomValue length=5 type='NUMERIC'}}\","
            + "\"key\":\"OPS-{{randomValue length=6 type='NUMERIC'}}\",\"self\":\"x\"}")));
    jira.stubFor(get(urlPathMatching("/rest/api/3/issue/OPS-[0-9]+"))
        .willReturn(okJson("{\"fields\":{\"status\":{\"statusCategory\":{\"key\":\"indeterminate\"}}}}")));
    jira.stubFor(post(urlPathMatching("/rest/api/3/issue/OPS-[0-9]+/comment")).willReturn(aResponse().withStatus(201)));
    llm.stubFor(post(urlPathEqualTo("/v1/chat/completions")).willReturn(
        okJson(OpenAiAnswers.analysis("auth", "medium", "Credentials rejected by a downstream service", 812, 96))));
  }

  private Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    env.put("DD_API_KEY", DD_API_KEY);
    env.put("DD_APP_KEY", DD_APP_KEY);
    env.put("DATADOG_API_URL", datadog.baseUrl());
    env.put("DOGCATCHER_SERVICES", "checkout,auth");
    env.put("DOGCATCHER_ENV", "prod");
    env.put("JIRA_BASE_URL", jira.baseUrl());
    env.put("JIRA_EMAIL", "bot@example.org");
    env.put("JIRA_API_TOKEN", JIRA_TOKEN);
    env.put("JIRA_PROJECT_KEY", "OPS");
    env.put("LLM_PROVIDER", "openai");
    env.put("OPENAI_BASE_URL", llm.baseUrl() + "/v1");
    env.put("OPENAI_API_KEY", OPENAI_KEY);
    return env;
  }

  private JsonNode run() throws IOException {
    CommandLine commandLine = Dogcatcher.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    RunCommand run = commandLine.getSubcommands().get("run").getCommand();
    run.environment = environment();
    Path report = dir.resolve("report.json");
    int exit = commandLine.execute("run", "--live", "--quiet", "--since", "1h", "--state",
        dir.resolve("state.db").toString(), "--report", report.toString());
    assertThat(exit).as(err.toString()).isZero();
    return Json.MAPPER.readTree(report.toFile());
  }

  @Test
  void runLive_filesOneTicketPerNewErrorAndNoneOnTheSecondRun() throws IOException {
    JsonNode first = run();

    assertThat(first.path("destination").asText()).isEqualTo("jira:OPS");
    assertThat(first.path("logs_read").asLong()).isEqualTo(6);
    assertThat(first.path("error_groups").asLong()).isEqualTo(2);
    assertThat(first.path("tickets_created").asLong()).isEqualTo(2);
    assertThat(first.path("llm_calls").asLong()).isEqualTo(2);
    assertThat(first.path("llm_input_tokens").asLong()).isEqualTo(2 * 812);
    assertThat(creates()).hasSize(2);
    assertThat(creates()).allSatisfy(body -> assertThat(body).contains("Analyst: ", "\"text\":\"llm\"", "fp-"));

    // The same errors come back after the first run: the second window (from the first run's end) has them.
    datadog.stubFor(post(urlPathEqualTo("/api/v2/logs/events/search"))
        .willReturn(okJson(datadogPage(java.time.Instant.now()))));
    JsonNode second = run();

    assertThat(second.path("tickets_created").asLong()).isZero();
    assertThat(second.path("occurrences_recorded").asLong()).isEqualTo(2);
    assertThat(second.path("llm_calls").asLong()).isZero();
    assertThat(creates()).hasSize(2);
    assertThat(llm.getAllServeEvents()).hasSize(2);
  }

  @Test
  void runLive_keepsEverySecretOutOfPromptsAndTickets() throws IOException {
    run();

    List<String> bodies = new java.util.ArrayList<>();
    llm.getAllServeEvents().forEach(event -> bodies.add(event.getRequest().getBodyAsString()));
    jira.getAllServeEvents().forEach(event -> bodies.add(event.getRequest().getBodyAsString()));
    assertThat(bodies).isNotEmpty();
    for (String body : bodies) {
      for (String secret : LOG_SECRETS) {
        assertThat(body).as("a request body").doesNotContain(secret);
      }
      assertThat(body).doesNotContain(DD_API_KEY, DD_APP_KEY, JIRA_TOKEN, OPENAI_KEY);
    }
    assertThat(out.toString() + err.toString()).doesNotContain(DD_API_KEY, JIRA_TOKEN, OPENAI_KEY, "hunter2");
  }

  private static List<String> creates() {
    return jira.getAllServeEvents().stream()
        .filter(event -> event.getRequest().getUrl().equals("/rest/api/3/issue"))
        .map(ServeEvent::getRequest)
        .map(request -> request.getBodyAsString())
        .toList();
  }

  /** Two errors, three logs each, carrying secrets and personal data in their text. */
  private static String datadogPage(java.time.Instant at) {
    ObjectNode page = Json.MAPPER.createObjectNode();
    ArrayNode data = page.putArray("data");
    String now = at.toString();
    for (int i = 0; i < 3; i++) {
      data.add(item("log-a" + i, now, "checkout",
          "Login to payments failed for maria.garcia@example.com with password=hunter2 (card 4111 1111 1111 1111)",
          "java.lang.IllegalStateException"));
      data.add(item("log-b" + i, now, "auth",
          "Rejected token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJlc2ln signed with AKIAIOSFODNN7EXAMPLE",
          "io.jsonwebtoken.security.SignatureException"));
    }
    page.putObject("meta").put("status", "done");
    return page.toString();
  }

  private static ObjectNode item(String id, String timestamp, String service, String message, String kind) {
    ObjectNode item = Json.MAPPER.createObjectNode();
    item.put("id", id);
    item.put("type", "log");
    ObjectNode attributes = item.putObject("attributes");
    attributes.put("timestamp", timestamp);
    attributes.put("status", "error");
    attributes.put("service", service);
    attributes.put("host", "i-0abc");
    attributes.put("message", message);
    attributes.putArray("tags").add("env:prod");
    ObjectNode custom = attributes.putObject("attributes");
    custom.put("env", "prod");
    custom.putObject("error").put("kind", kind).put("message", message);
    return item;
  }
}
