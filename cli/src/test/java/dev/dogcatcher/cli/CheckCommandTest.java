package dev.dogcatcher.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.dogcatcher.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

@WireMockTest
class CheckCommandTest {

  private static final String EMAIL = "bot@acme.example";
  private static final String JIRA_TOKEN = "ATATT3x-jira-s3cr3t-t0k3n";
  private static final String DD_API_KEY = "dd-api-0123456789abcdef-secret";
  private static final String DD_APP_KEY = "dd-app-0123456789abcdef-secret";
  private static final String OPENAI_KEY = "sk-check-0123456789-secret";
  private static final String BASIC =
      "Basic " + Base64.getEncoder().encodeToString((EMAIL + ":" + JIRA_TOKEN).getBytes(StandardCharsets.UTF_8));

  private String baseUrl;
  private final Map<String, String> environment = new HashMap<>();
  private String output;

  @BeforeEach
  void setUp(WireMockRuntimeInfo wireMock) {
    baseUrl = wireMock.getHttpBaseUrl();
  }

  private int check() {
    CheckCommand command = new CheckCommand();
    command.environment = environment;
    StringWriter out = new StringWriter();
    int exit = new CommandLine(command).setOut(new PrintWriter(out)).execute();
    output = out.toString();
    assertThat(output).doesNotContain(JIRA_TOKEN, DD_API_KEY, DD_APP_KEY, OPENAI_KEY,
        BASIC.substring("Basic ".length()));
    return exit;
  }

  private void jira() {
    environment.putAll(Map.of("JIRA_BASE_URL", baseUrl, "JIRA_EMAIL", EMAIL, "JIRA_API_TOKEN", JIRA_TOKEN,
        "JIRA_PROJECT_KEY", "OPS"));
  }

  private void datadog() {
    environment.putAll(Map.of("DATADOG_API_URL", baseUrl, "DD_API_KEY", DD_API_KEY, "DD_APP_KEY", DD_APP_KEY,
        "DOGCATCHER_SERVICES", "checkout"));
  }

  private static void jiraAccepts() {
    stubFor(get("/rest/api/3/myself").withHeader("Authorization", equalTo(BASIC))
        .willReturn(okJson("{\"accountId\":\"5b10\",\"displayName\":\"Dogcatcher Bot\"}")));
  }

  private static void project(String... issueTypes) {
    StringBuilder types = new StringBuilder();
    for (String type : issueTypes) {
      types.append(types.length() == 0 ? "" : ",").append("{\"id\":\"1\",\"name\":\"").append(type).append("\"}");
    }
    stubFor(get("/rest/api/3/project/OPS").withHeader("Authorization", equalTo(BASIC))
        .willReturn(okJson("{\"key\":\"OPS\",\"issueTypes\":[" + types + "]}")));
  }

  private static void datadogAccepts() {
    stubFor(get("/api/v1/validate").withHeader("DD-API-KEY", equalTo(DD_API_KEY)).willReturn(okJson("{\"valid\":true}")));
    stubFor(get(urlPathEqualTo("/api/v2/logs/events"))
        .withHeader("DD-API-KEY", equalTo(DD_API_KEY)).withHeader("DD-APPLICATION-KEY", equalTo(DD_APP_KEY))
        .willReturn(okJson("{\"data\":[],\"meta\":{\"page\":{}}}")));
  }

  @Test
  void check_whenNothingIsConfigured_skipsEveryIntegrationAndPasses() {
    assertThat(check()).isZero();

    assertThat(output.lines()).containsExactly(
        "jira credentials: skipped: not configured (JIRA_BASE_URL)",
        "jira project: skipped: not configured (JIRA_BASE_URL)",
        "datadog: skipped: not configured (DD_API_KEY)",
        "llm: skipped: not configured (LLM_PROVIDER is rules: the rules analyst writes every analysis)");
  }

  @Test
  void check_whenJiraAcceptsAndHasTheIssueType_saysOkAndPasses() {
    jira();
    jiraAccepts();
    project("Task", "Bug");

    assertThat(check()).isZero();

    assertThat(output).contains("jira credentials: ok (localhost, as Dogcatcher Bot)\n")
        .contains("jira project: ok (OPS, issue type Bug)\n");
  }

  @Test
  void check_whenJiraRejectsTheToken_failsBothJiraLinesWithoutTheToken() {
    jira();
    stubFor(get("/rest/api/3/myself").willReturn(aResponse().withStatus(401)
        .withBody("{\"errorMessages\":[\"bad token " + JIRA_TOKEN + "\"]}")));

    assertThat(check()).isEqualTo(1);

    assertThat(output).contains("jira credentials: FAIL: Jira at localhost rejected JIRA_EMAIL and JIRA_API_TOKEN (HTTP 401)\n")
        .contains("jira project: FAIL: not checked: the credentials failed\n");
  }

  @Test
  void check_whenTheIssueTypeIsMissing_listsTheProjectsTypesAndFails() {
    jira();
    environment.put("JIRA_ISSUE_TYPE", "Incident");
    jiraAccepts();
    project("Task", "Bug", "Story");

    assertThat(check()).isEqualTo(1);

    assertThat(output).contains("jira credentials: ok")
        .contains("jira project: FAIL: project OPS has no issue type 'Incident' (it has: Task, Bug, Story); check JIRA_ISSUE_TYPE\n");
  }

  @Test
  void check_whenTheProjectIsNotVisible_failsNamingTheKey() {
    jira();
    jiraAccepts();
    stubFor(get("/rest/api/3/project/OPS").willReturn(aResponse().withStatus(404)));

    assertThat(check()).isEqualTo(1);

    assertThat(output).contains("jira project: FAIL: project OPS does not exist or this account cannot see it (HTTP 404)");
  }

  @Test
  void check_whenJiraSettingsAreIncomplete_failsNamingTheVariable() {
    environment.put("JIRA_BASE_URL", baseUrl);

    assertThat(check()).isEqualTo(1);

    assertThat(output).contains("jira credentials: FAIL: JIRA_EMAIL is not set\n");
  }

  @Test
  void check_whenDatadogAcceptsBothKeys_saysOkAndSearchesWithTheConfiguredQuery() {
    datadog();
    datadogAccepts();

    assertThat(check()).isZero();

    assertThat(output).contains("datadog: ok (localhost, API key valid, application key reads logs)\n");
    verify(getRequestedFor(urlPathEqualTo("/api/v2/logs/events"))
        .withQueryParam("page[limit]", equalTo("1"))
        .withQueryParam("filter[query]", equalTo("service:checkout status:(error OR critical OR alert OR emergency)")));
  }

  @Test
  void check_whenDatadogRejectsTheApiKey_failsWithoutTheKey() {
    datadog();
    stubFor(get("/api/v1/validate").willReturn(aResponse().withStatus(403)
        .withBody("{\"errors\":[\"Forbidden\"],\"key\":\"" + DD_API_KEY + "\"}")));

    assertThat(check()).isEqualTo(1);

    assertThat(output).contains("datadog: FAIL: Datadog at localhost rejected DD_API_KEY (HTTP 403); check the key and DD_SITE\n");
  }

  @Test
  void check_whenTheApplicationKeyCannotReadLogs_failsNamingThePermission() {
    datadog();
    stubFor(get("/api/v1/validate").willReturn(okJson("{\"valid\":true}")));
    stubFor(get(urlPathEqualTo("/api/v2/logs/events")).willReturn(aResponse().withStatus(403)));

    assertThat(check()).isEqualTo(1);

    assertThat(output).contains("datadog: FAIL: DD_API_KEY is valid, but Datadog at localhost refused DD_APP_KEY a log "
        + "search (HTTP 403); it needs the logs_read_data permission\n");
  }

  @Test
  void check_whenTheLlmAnswers_saysOkWithItsTokens() {
    environment.putAll(Map.of("LLM_PROVIDER", "openai", "OPENAI_BASE_URL", baseUrl + "/v1", "OPENAI_API_KEY", OPENAI_KEY));
    ObjectNode answer = Json.MAPPER.createObjectNode().put("errorType", "timeout").put("severity", "medium")
        .put("title", "Timeout calling inventory-api").put("summary", "Calls time out.");
    answer.putArray("causes").add("Slow upstream");
    answer.putArray("actions").add("Check latency");
    ObjectNode response = Json.MAPPER.createObjectNode();
    response.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop")
        .putObject("message").put("role", "assistant").put("content", answer.toString());
    response.putObject("usage").put("prompt_tokens", 700).put("completion_tokens", 60).put("total_tokens", 760);
    stubFor(post("/v1/chat/completions").willReturn(okJson(response.toString())));

    assertThat(check()).isZero();

    assertThat(output).contains("llm: ok (openai gpt-4o-mini at localhost, answered 'timeout' with 700 input and 60 output tokens)\n");
  }

  @Test
  void check_whenTheLlmRejectsTheKey_failsWithTheStatus() {
    environment.putAll(Map.of("LLM_PROVIDER", "openai", "OPENAI_BASE_URL", baseUrl + "/v1", "OPENAI_API_KEY", OPENAI_KEY));
    stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(401)
        .withBody("{\"error\":{\"message\":\"Incorrect API key provided: " + OPENAI_KEY + "\"}}")));

    assertThat(check()).isEqualTo(1);

    assertThat(output).contains("llm: FAIL: openai gpt-4o-mini at localhost failed: AuthenticationException (HTTP 401)\n");
    verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
  }

  @Test
  void check_whenTheLlmIsMisconfigured_failsNamingTheVariable() {
    environment.put("LLM_PROVIDER", "bedrock");
    environment.put("AWS_REGION", "eu-west-1");

    assertThat(check()).isEqualTo(1);

    assertThat(output).contains("llm: FAIL: BEDROCK_MODEL_ID is not set\n");
  }

  @Test
  void dogcatcher_offersTheCheckCommand() {
    StringWriter out = new StringWriter();

    int exit = Dogcatcher.commandLine().setOut(new PrintWriter(out)).execute("check", "--help");

    assertThat(exit).isZero();
    assertThat(out.toString()).contains("Usage: dogcatcher check").contains("Exit status: 0 when every configured check passes");
  }
}
