package dev.dogcatcher.ticket.jira;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.dogcatcher.domain.IssueRef;
import dev.dogcatcher.domain.IssueStatus;
import dev.dogcatcher.domain.TrackerRejectedException;
import dev.dogcatcher.domain.TrackerUnavailableException;
import dev.dogcatcher.jira.JiraIssuePayload;
import dev.dogcatcher.jira.SampleTickets;
import dev.dogcatcher.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WireMockTest
class JiraTicketTrackerTest {

  private static final String EMAIL = "bot@acme.example";
  private static final String TOKEN = "ATATT3xFfGF0-s3cr3t-t0k3n-value";
  private static final String BASIC =
      "Basic " + Base64.getEncoder().encodeToString((EMAIL + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));
  private static final String ISSUE = "/rest/api/3/issue";
  private static final String SEARCH = "/rest/api/3/search/jql";
  /** Removed by Atlassian (https://developer.atlassian.com/changelog/#CHANGE-2046): it answers 410 Gone. */
  private static final String REMOVED_SEARCH = "/rest/api/3/search";

  private final List<Duration> sleeps = new ArrayList<>();
  private String baseUrl;
  private JiraTicketTracker tracker;

  @BeforeEach
  void setUp(WireMockRuntimeInfo wireMock) {
    baseUrl = wireMock.getHttpBaseUrl();
    tracker = tracker(Duration.ofSeconds(5));
  }

  @Test
  void destination_isJiraAndTheProjectKey() {
    assertThat(tracker.destination()).isEqualTo("jira:OPS");
  }

  @Test
  void create_postsThePayloadWithBasicAuthAndReturnsTheIssue() throws Exception {
    stubFor(post(ISSUE).willReturn(json(201, "create-201.json")));

    IssueRef issue = tracker.create(SampleTickets.ticket());

    assertThat(issue).isEqualTo(new IssueRef("OPS-1", baseUrl + "/browse/OPS-1"));
    String expected = Json.MAPPER.writeValueAsString(JiraIssuePayload.create(SampleTickets.ticket(), SampleTickets.project()));
    verify(1, postRequestedFor(urlEqualTo(ISSUE))
        .withHeader("Authorization", equalTo(BASIC))
        .withHeader("Content-Type", equalTo("application/json"))
        .withHeader("Accept", equalTo("application/json"))
        .withRequestBody(equalToJson(expected)));
  }

  @Test
  void create_whenJiraRejectsTheFields_isRejectedWithJirasMessages() {
    stubFor(post(ISSUE).willReturn(json(400, "create-400.json")));

    assertThatThrownBy(() -> tracker.create(SampleTickets.ticket()))
        .isInstanceOf(TrackerRejectedException.class)
        .hasMessageContaining("HTTP 400")
        .hasMessageContaining("summary: You must specify a summary of the issue.")
        .hasMessageContaining("priority: Specify a valid 'id' or 'name' for Priority")
        .hasMessageNotContaining(TOKEN);
    verify(1, postRequestedFor(urlEqualTo(ISSUE)));
  }

  @Test
  void create_whenCredentialsAreRefused_isRejectedWithoutRevealingThem() {
    stubFor(post(ISSUE).willReturn(json(401, "error-401.json")));

    assertThatThrownBy(() -> tracker.create(SampleTickets.ticket()))
        .isInstanceOf(TrackerRejectedException.class)
        .hasMessageContaining("HTTP 401")
        .hasMessageContaining("JIRA_API_TOKEN")
        .hasMessageContaining("You do not have permission to create issues in this project.")
        .hasMessageNotContaining(TOKEN)
        .hasMessageNotContaining(BASIC.substring("Basic ".length()));
  }

  @Test
  void create_whenJiraEchoesTheToken_masksIt() {
    stubFor(post(ISSUE).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"errorMessages\":[\"bad header " + BASIC + " for token " + TOKEN + "\"],\"errors\":{}}")));

    assertThatThrownBy(() -> tracker.create(SampleTickets.ticket()))
        .isInstanceOf(TrackerRejectedException.class)
        .hasMessageContaining("bad header Basic **** for token ****")
        .hasMessageNotContaining(TOKEN);
  }

  @Test
  void create_whenRateLimited_waitsRetryAfterThenCreates() {
    stubFor(post(ISSUE).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7"))
        .willSetStateTo("allowed"));
    stubFor(post(ISSUE).inScenario("429").whenScenarioStateIs("allowed").willReturn(json(201, "create-201.json")));

    IssueRef issue = tracker.create(SampleTickets.ticket());

    assertThat(issue.key()).isEqualTo("OPS-1");
    assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
    verify(2, postRequestedFor(urlEqualTo(ISSUE)));
  }

  @Test
  void create_whenRateLimitedEveryTime_isRejectedAfterThreeAttempts() {
    stubFor(post(ISSUE).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")));

    assertThatThrownBy(() -> tracker.create(SampleTickets.ticket()))
        .isInstanceOf(TrackerRejectedException.class)
        .hasMessageContaining("HTTP 429");
    assertThat(sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
    verify(3, postRequestedFor(urlEqualTo(ISSUE)));
  }

  @Test
  void create_whenRetryAfterExceedsTheBudget_isRejectedWithoutWaiting() {
    stubFor(post(ISSUE).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));

    assertThatThrownBy(() -> tracker.create(SampleTickets.ticket()))
        .isInstanceOf(TrackerRejectedException.class)
        .hasMessageContaining("Retry-After 120");
    assertThat(sleeps).isEmpty();
    verify(1, postRequestedFor(urlEqualTo(ISSUE)));
  }

  @Test
  void create_whenJiraAnswers503_isUnavailableAndNotRetried() {
    stubFor(post(ISSUE).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1")));

    assertThatThrownBy(() -> tracker.create(SampleTickets.ticket()))
        .isInstanceOf(TrackerUnavailableException.class)
        .hasMessageContaining("HTTP 503")
        .hasMessageContaining("outcome is unknown");
    assertThat(sleeps).isEmpty();
    verify(1, postRequestedFor(urlEqualTo(ISSUE)));
  }

  @Test
  void create_whenTheConnectionIsReset_isUnavailableAndNotRetried() {
    stubFor(post(ISSUE).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThatThrownBy(() -> tracker.create(SampleTickets.ticket()))
        .isInstanceOf(TrackerUnavailableException.class)
        .hasMessageContaining("no answer")
        .hasMessageContaining("outcome is unknown")
        .hasMessageNotContaining(TOKEN);
    verify(1, postRequestedFor(urlEqualTo(ISSUE)));
  }

  @Test
  void create_whenJiraTimesOut_isUnavailableAndNotRetried() {
    tracker = tracker(Duration.ofMillis(300));
    stubFor(post(ISSUE).willReturn(json(201, "create-201.json").withFixedDelay(3_000)));

    assertThatThrownBy(() -> tracker.create(SampleTickets.ticket()))
        .isInstanceOf(TrackerUnavailableException.class)
        .hasMessageContaining("HttpTimeoutException")
        .hasMessageContaining("outcome is unknown");
    assertThat(sleeps).isEmpty();
    verify(1, postRequestedFor(urlEqualTo(ISSUE)));
  }

  @Test
  void create_whenTheAnswerHasNoKey_isUnavailableBecauseTheIssueMayExist() {
    stubFor(post(ISSUE).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
        .withBody("{\"id\":\"10001\",\"self\":\"https://acme.atlassian.net/rest/api/3/issue/10001\"}")));

    assertThatThrownBy(() -> tracker.create(SampleTickets.ticket()))
        .isInstanceOf(TrackerUnavailableException.class)
        .hasMessageContaining("without an issue key")
        .hasMessageContaining("the issue may exist");
    verify(1, postRequestedFor(urlEqualTo(ISSUE)));
  }

  @Test
  void create_whenTheAnswerIsTruncatedJson_isUnavailableBecauseTheIssueMayExist() {
    stubFor(post(ISSUE).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
        .withBody("{\"id\":\"10001\",\"key\":\"OPS-1\",\"self\":\"https://acme.atlass")));

    assertThatThrownBy(() -> tracker.create(SampleTickets.ticket()))
        .isInstanceOf(TrackerUnavailableException.class)
        .hasMessageContaining("is not JSON (HTTP 201)")
        .hasMessageContaining("the issue may exist");
    assertThat(sleeps).isEmpty();
    verify(1, postRequestedFor(urlEqualTo(ISSUE)));
  }

  @Test
  void create_whenTheAnswerIsAnHtmlPage_isUnavailableBecauseTheIssueMayExist() {
    stubFor(post(ISSUE).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "text/html")
        .withBody("<html><head><title>Atlassian</title></head><body>Issue created</body></html>")));

    assertThatThrownBy(() -> tracker.create(SampleTickets.ticket()))
        .isInstanceOf(TrackerUnavailableException.class)
        .hasMessageContaining("is not JSON (HTTP 201)")
        .hasMessageContaining("the issue may exist");
    assertThat(sleeps).isEmpty();
    verify(1, postRequestedFor(urlEqualTo(ISSUE)));
  }

  @Test
  void findByLabel_searchesTheLabelInTheProjectOldestFirst() {
    stubFor(post(SEARCH).willReturn(json(200, "search-one-done.json")));

    assertThat(tracker.findByLabel("fp-" + SampleTickets.FINGERPRINT))
        .contains(new IssueRef("OPS-7", baseUrl + "/browse/OPS-7"));
    verify(1, postRequestedFor(urlEqualTo(SEARCH))
        .withHeader("Authorization", equalTo(BASIC))
        .withRequestBody(equalToJson("{\"jql\":\"project = \\\"OPS\\\" AND labels = \\\"fp-" + SampleTickets.FINGERPRINT
            + "\\\" ORDER BY created ASC\",\"fields\":[\"key\",\"status\"],\"maxResults\":1}")));
  }

  @Test
  void findByLabel_whenNoIssueHasTheLabel_isEmpty() {
    stubFor(post(SEARCH).willReturn(json(200, "search-empty.json")));

    assertThat(tracker.findByLabel("fp-" + SampleTickets.FINGERPRINT)).isEmpty();
  }

  @Test
  void findByLabel_escapesQuotesInTheJqlString() {
    stubFor(post(SEARCH).willReturn(json(200, "search-empty.json")));

    tracker.findByLabel("fp-x\" OR project = \"SECRET");

    verify(postRequestedFor(urlEqualTo(SEARCH)).withRequestBody(equalToJson(
        "{\"jql\":\"project = \\\"OPS\\\" AND labels = \\\"fp-x\\\\\\\" OR project = \\\\\\\"SECRET\\\" ORDER BY created ASC\","
            + "\"fields\":[\"key\",\"status\"],\"maxResults\":1}")));
  }

  @Test
  void findByLabel_whenJiraFailsOnce_retriesTheRead() {
    stubFor(post(SEARCH).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(502)).willSetStateTo("up"));
    stubFor(post(SEARCH).inScenario("flaky").whenScenarioStateIs("up").willReturn(json(200, "search-one-done.json")));

    assertThat(tracker.findByLabel("fp-" + SampleTickets.FINGERPRINT)).map(IssueRef::key).contains("OPS-7");
    assertThat(sleeps).containsExactly(Duration.ofSeconds(1));
    verify(2, postRequestedFor(urlEqualTo(SEARCH)));
  }

  @Test
  void findByLabel_whenTheConnectionIsReset_retriesTheRead() {
    stubFor(post(SEARCH).inScenario("reset").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("up"));
    stubFor(post(SEARCH).inScenario("reset").whenScenarioStateIs("up").willReturn(json(200, "search-empty.json")));

    assertThat(tracker.findByLabel("fp-" + SampleTickets.FINGERPRINT)).isEmpty();
    verify(2, postRequestedFor(urlEqualTo(SEARCH)));
  }

  @Test
  void findByLabel_whenJiraKeepsFailing_isUnavailableSoCallersFailClosed() {
    stubFor(post(SEARCH).willReturn(aResponse().withStatus(500)));

    assertThatThrownBy(() -> tracker.findByLabel("fp-" + SampleTickets.FINGERPRINT))
        .isInstanceOf(TrackerUnavailableException.class)
        .hasMessageContaining("HTTP 500");
    assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    verify(3, postRequestedFor(urlEqualTo(SEARCH)));
  }

  @Test
  void findByLabel_whenCredentialsAreRefused_isUnavailableWithoutRetrying() {
    stubFor(post(SEARCH).willReturn(json(401, "error-401.json")));

    assertThatThrownBy(() -> tracker.findByLabel("fp-" + SampleTickets.FINGERPRINT))
        .isInstanceOf(TrackerUnavailableException.class)
        .hasMessageContaining("HTTP 401")
        .hasMessageNotContaining(TOKEN);
    verify(1, postRequestedFor(urlEqualTo(SEARCH)));
  }

  @Test
  void findByLabel_usesSearchJqlAndNeverTheRemovedSearchEndpoint() {
    stubFor(any(urlPathEqualTo(REMOVED_SEARCH)).willReturn(json(410, "search-410-removed.json")));
    stubFor(post(SEARCH).willReturn(json(200, "search-one-done.json")));

    assertThat(tracker.findByLabel("fp-" + SampleTickets.FINGERPRINT))
        .contains(new IssueRef("OPS-7", baseUrl + "/browse/OPS-7"));
    verify(0, anyRequestedFor(urlPathEqualTo(REMOVED_SEARCH)));
    verify(1, postRequestedFor(urlEqualTo(SEARCH)));
  }

  @Test
  void findByLabel_whenJiraAnswers410Gone_isUnavailableWithJirasMigrationMessageAndNotRetried() {
    stubFor(post(SEARCH).willReturn(json(410, "search-410-removed.json")));

    assertThatThrownBy(() -> tracker.findByLabel("fp-" + SampleTickets.FINGERPRINT))
        .isInstanceOf(TrackerUnavailableException.class)
        .hasMessageContaining("HTTP 410")
        .hasMessageContaining("The requested API has been removed. Please migrate to the /rest/api/3/search/jql API.");
    assertThat(sleeps).isEmpty();
    verify(1, postRequestedFor(urlEqualTo(SEARCH)));
  }

  @Test
  void findByLabel_whenTheAnswerIsTruncatedJson_isUnavailableSoCallersFailClosed() {
    stubFor(post(SEARCH).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody("{\"issues\":[{\"id\":\"10007\",\"key\":\"OPS-")));

    assertThatThrownBy(() -> tracker.findByLabel("fp-" + SampleTickets.FINGERPRINT))
        .isInstanceOf(TrackerUnavailableException.class)
        .hasMessageContaining("is not JSON (HTTP 200)");
  }

  @Test
  void findByLabel_whenTheAnswerHasNoIssuesArray_isUnavailableRatherThanNotFound() {
    stubFor(post(SEARCH).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody("{\"errorMessages\":[],\"isLast\":true}")));

    assertThatThrownBy(() -> tracker.findByLabel("fp-" + SampleTickets.FINGERPRINT))
        .isInstanceOf(TrackerUnavailableException.class)
        .hasMessageContaining("has no issues array");
  }

  @Test
  void findByLabel_whenEveryAttemptTimesOut_retriesThenIsUnavailable() {
    tracker = tracker(Duration.ofMillis(300));
    stubFor(post(SEARCH).willReturn(json(200, "search-one-done.json").withFixedDelay(3_000)));

    assertThatThrownBy(() -> tracker.findByLabel("fp-" + SampleTickets.FINGERPRINT))
        .isInstanceOf(TrackerUnavailableException.class)
        .hasMessageContaining("no answer")
        .hasMessageContaining("HttpTimeoutException")
        .hasMessageNotContaining(TOKEN);
    assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    verify(3, postRequestedFor(urlEqualTo(SEARCH)));
  }

  @Test
  void status_whenTheStatusCategoryIsDone_isDone() {
    stubFor(get(urlPathEqualTo(ISSUE + "/OPS-7")).willReturn(json(200, "issue-status-done.json")));

    assertThat(tracker.status("OPS-7")).isEqualTo(IssueStatus.DONE);
    verify(getRequestedFor(urlEqualTo(ISSUE + "/OPS-7?fields=status")).withHeader("Authorization", equalTo(BASIC)));
  }

  @Test
  void status_whenInProgress_isOpen() {
    stubFor(get(urlPathEqualTo(ISSUE + "/OPS-7")).willReturn(json(200, "issue-status-in-progress.json")));

    assertThat(tracker.status("OPS-7")).isEqualTo(IssueStatus.OPEN);
  }

  @Test
  void status_whenTheIssueIsGone_isUnavailableWithJirasMessage() {
    stubFor(get(urlPathEqualTo(ISSUE + "/OPS-7")).willReturn(json(404, "issue-404.json")));

    assertThatThrownBy(() -> tracker.status("OPS-7"))
        .isInstanceOf(TrackerUnavailableException.class)
        .hasMessageContaining("HTTP 404")
        .hasMessageContaining("Issue does not exist or you do not have permission to see it.");
  }

  @Test
  void comment_postsAnAdfBody() throws Exception {
    stubFor(post(ISSUE + "/OPS-7/comment").willReturn(json(201, "comment-201.json")));

    tracker.comment("OPS-7", "Seen 12 more times since the last comment.");

    String expected = Json.MAPPER.writeValueAsString(JiraIssuePayload.comment("Seen 12 more times since the last comment."));
    verify(1, postRequestedFor(urlEqualTo(ISSUE + "/OPS-7/comment"))
        .withHeader("Authorization", equalTo(BASIC))
        .withRequestBody(equalToJson(expected)));
  }

  @Test
  void comment_whenTheConnectionIsReset_isUnavailableAndNotRetried() {
    stubFor(post(ISSUE + "/OPS-7/comment").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThatThrownBy(() -> tracker.comment("OPS-7", "Seen again."))
        .isInstanceOf(TrackerUnavailableException.class);
    verify(1, postRequestedFor(urlEqualTo(ISSUE + "/OPS-7/comment")));
  }

  @Test
  void reopen_movesADoneIssueThroughATransitionToAToDoStatus() {
    stubFor(get(urlPathEqualTo(ISSUE + "/OPS-7")).willReturn(json(200, "issue-status-done.json")));
    stubFor(get(ISSUE + "/OPS-7/transitions").willReturn(json(200, "transitions.json")));
    stubFor(post(ISSUE + "/OPS-7/transitions").willReturn(aResponse().withStatus(204)));

    tracker.reopen("OPS-7");

    verify(1, postRequestedFor(urlEqualTo(ISSUE + "/OPS-7/transitions"))
        .withHeader("Authorization", equalTo(BASIC))
        .withRequestBody(equalToJson("{\"transition\":{\"id\":\"11\"}}")));
  }

  @Test
  void reopen_whenNoAvailableTransitionReopens_isRejected() {
    stubFor(get(urlPathEqualTo(ISSUE + "/OPS-7")).willReturn(json(200, "issue-status-done.json")));
    stubFor(get(ISSUE + "/OPS-7/transitions").willReturn(json(200, "transitions-none-open.json")));

    assertThatThrownBy(() -> tracker.reopen("OPS-7"))
        .isInstanceOf(TrackerRejectedException.class)
        .hasMessageContaining("no transition that reopens OPS-7")
        .hasMessageContaining("Close → Closed");
    verify(0, postRequestedFor(urlEqualTo(ISSUE + "/OPS-7/transitions")));
  }

  @Test
  void reopen_whenTheIssueIsAlreadyOpen_changesNothing() {
    stubFor(get(urlPathEqualTo(ISSUE + "/OPS-7")).willReturn(json(200, "issue-status-in-progress.json")));

    tracker.reopen("OPS-7");

    verify(0, getRequestedFor(urlEqualTo(ISSUE + "/OPS-7/transitions")));
    verify(0, postRequestedFor(urlEqualTo(ISSUE + "/OPS-7/transitions")));
  }

  @Test
  void reopen_whenTheTransitionIsRefused_isRejectedWithJirasMessage() {
    stubFor(get(urlPathEqualTo(ISSUE + "/OPS-7")).willReturn(json(200, "issue-status-done.json")));
    stubFor(get(ISSUE + "/OPS-7/transitions").willReturn(json(200, "transitions.json")));
    stubFor(post(ISSUE + "/OPS-7/transitions").willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"errorMessages\":[],\"errors\":{\"resolution\":\"Resolution is required.\"}}")));

    assertThatThrownBy(() -> tracker.reopen("OPS-7"))
        .isInstanceOf(TrackerRejectedException.class)
        .hasMessageContaining("resolution: Resolution is required.");
  }

  private JiraTicketTracker tracker(Duration requestTimeout) {
    JiraSettings settings = new JiraSettings(URI.create(baseUrl + "/"), EMAIL, TOKEN, SampleTickets.project());
    return new JiraTicketTracker(settings, JiraTicketTracker.httpClient(), sleeps::add, requestTimeout);
  }

  private static ResponseDefinitionBuilder json(int status, String fixture) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(fixture(fixture));
  }

  private static String fixture(String name) {
    try (InputStream in = JiraTicketTrackerTest.class.getResourceAsStream("/jira/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
