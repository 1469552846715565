package dev.dogcatcher.fetcher.datadog;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.dogcatcher.domain.ErrorLog;
import dev.dogcatcher.domain.TimeWindow;
import dev.dogcatcher.port.ErrorLogSource.LogSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WireMockTest
class DatadogErrorLogSourceTest {

  private static final String API_KEY = "0123456789abcdef0123456789abcdef";
  private static final String APP_KEY = "fedcba9876543210fedcba9876543210fedcba98";
  private static final String PATH = "/api/v2/logs/events/search";
  private static final String QUERY = "service:checkout env:prod status:(error OR critical OR alert OR emergency)";
  private static final TimeWindow WINDOW =
      new TimeWindow(Instant.parse("2025-12-09T10:30:00Z"), Instant.parse("2025-12-09T10:35:00Z"));

  private final List<Duration> sleeps = new ArrayList<>();
  private final RecordingSink sink = new RecordingSink();
  private DatadogErrorLogSource source;

  private String baseUrl;

  @BeforeEach
  void setUp(WireMockRuntimeInfo wireMock) {
    baseUrl = wireMock.getHttpBaseUrl();
    source = source(Duration.ofSeconds(5));
  }

  @Test
  void name_isDatadog() {
    assertThat(source.name()).isEqualTo("datadog");
  }

  @Test
  void read_followsThePageCursorThroughThreePages() {
    stubFor(post(PATH).atPriority(2).willReturn(json(200, "page-1.json")));
    stubFor(post(PATH).atPriority(1).withRequestBody(matchingJsonPath("$.page.cursor", equalTo("eyJhZnRlciI6IkFRQUFBWlB4MDAwMiJ9")))
        .willReturn(json(200, "page-2.json")));
    stubFor(post(PATH).atPriority(1).withRequestBody(matchingJsonPath("$.page.cursor", equalTo("eyJhZnRlciI6IkFRQUFBWlB4MDAwNCJ9")))
        .willReturn(json(200, "page-3.json")));

    source.read(WINDOW, sink);

    assertThat(sink.accepted).extracting(ErrorLog::id).containsExactly(
        "AQAAAZPx0001AAAAAAAAAAAAAAAA", "AQAAAZPx0002AAAAAAAAAAAAAAAA", "AQAAAZPx0003AAAAAAAAAAAAAAAA",
        "AQAAAZPx0004AAAAAAAAAAAAAAAA", "AQAAAZPx0005AAAAAAAAAAAAAAAA");
    assertThat(sink.rejected).isEmpty();
    ErrorLog first = sink.accepted.get(0);
    assertThat(first.service()).isEqualTo("checkout");
    assertThat(first.env()).isEqualTo("prod");
    assertThat(first.errorKind()).isEqualTo("java.net.SocketTimeoutException");
    assertThat(first.timestamp()).isEqualTo(Instant.parse("2025-12-09T10:30:01.123Z"));
    verify(3, postRequestedFor(urlEqualTo(PATH))
        .withHeader("DD-API-KEY", equalTo(API_KEY))
        .withHeader("DD-APPLICATION-KEY", equalTo(APP_KEY))
        .withHeader("Content-Type", equalTo("application/json")));
    verify(1, postRequestedFor(urlEqualTo(PATH)).withRequestBody(equalToJson(
        "{\"filter\":{\"query\":\"" + QUERY + "\",\"from\":\"2025-12-09T10:30:00Z\",\"to\":\"2025-12-09T10:35:00Z\"},"
            + "\"sort\":\"timestamp\",\"page\":{\"limit\":1000}}")));
    verify(1, postRequestedFor(urlEqualTo(PATH)).withRequestBody(equalToJson(
        "{\"filter\":{\"query\":\"" + QUERY + "\",\"from\":\"2025-12-09T10:30:00Z\",\"to\":\"2025-12-09T10:35:00Z\"},"
            + "\"sort\":\"timestamp\",\"page\":{\"cursor\":\"eyJhZnRlciI6IkFRQUFBWlB4MDAwNCJ9\",\"limit\":1000}}")));
  }

  @Test
  void read_whenAnItemIsMalformed_rejectsItAndAcceptsTheRest() {
    stubFor(post(PATH).willReturn(json(200, "page-malformed.json")));

    source.read(WINDOW, sink);

    assertThat(sink.accepted).extracting(ErrorLog::text).containsExactly("first good", "last good");
    assertThat(sink.rejected).containsExactly(
        "datadog id AQAAAZPx0007AAAAAAAAAAAAAAAA: log AQAAAZPx0007AAAAAAAAAAAAAAAA has no message",
        "datadog page 1 item 3: log item has no timestamp");
  }

  @Test
  void read_leavesALogStampedAtTheWindowsEndToTheNextWindow() {
    stubFor(post(PATH).willReturn(json(200, "page-malformed.json")));

    source.read(WINDOW, sink);

    assertThat(sink.accepted).extracting(ErrorLog::text).doesNotContain("stamped at the window's end");
  }

  @Test
  void read_whenRateLimited_waitsForTheResetThenRetries() {
    stubFor(post(PATH).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429)
            .withHeader("X-RateLimit-Limit", "300")
            .withHeader("X-RateLimit-Period", "3600")
            .withHeader("X-RateLimit-Remaining", "0")
            .withHeader("X-RateLimit-Reset", "13")
            .withBody("{\"errors\":[\"Too many requests\"]}"))
        .willSetStateTo("allowed"));
    stubFor(post(PATH).inScenario("429").whenScenarioStateIs("allowed").willReturn(json(200, "page-3.json")));

    source.read(WINDOW, sink);

    assertThat(sleeps).containsExactly(Duration.ofSeconds(13));
    assertThat(sink.accepted).hasSize(1);
    verify(2, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void read_whenTheResetIsBeyondTheBudget_throwsWithoutWaiting() {
    stubFor(post(PATH).willReturn(aResponse().withStatus(429).withHeader("X-RateLimit-Reset", "3000")));

    assertThatThrownBy(() -> source.read(WINDOW, sink))
        .isInstanceOf(DatadogException.class)
        .hasMessageContaining("HTTP 429");
    assertThat(sleeps).isEmpty();
  }

  @Test
  void read_whenDatadogAnswers500_backsOffAndRetries() {
    stubFor(post(PATH).inScenario("500").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(500)).willSetStateTo("up"));
    stubFor(post(PATH).inScenario("500").whenScenarioStateIs("up").willReturn(json(200, "page-3.json")));

    source.read(WINDOW, sink);

    assertThat(sleeps).containsExactly(Duration.ofSeconds(1));
    assertThat(sink.accepted).hasSize(1);
    verify(2, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void read_whenTheConnectionIsReset_retries() {
    stubFor(post(PATH).inScenario("reset").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("up"));
    stubFor(post(PATH).inScenario("reset").whenScenarioStateIs("up").willReturn(json(200, "page-3.json")));

    source.read(WINDOW, sink);

    assertThat(sink.accepted).hasSize(1);
    verify(2, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void read_whenDatadogKeepsFailing_throwsAfterBoundedExponentialBackoff() {
    stubFor(post(PATH).willReturn(aResponse().withStatus(503)));

    assertThatThrownBy(() -> source.read(WINDOW, sink))
        .isInstanceOf(DatadogException.class)
        .hasMessageContaining("HTTP 503")
        .hasMessageContaining("after 5 attempts");
    assertThat(sleeps).containsExactly(
        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
    verify(5, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void read_whenTheKeysAreRefused_throwsNamingTheStatusButNotTheKeys() {
    stubFor(post(PATH).willReturn(json(403, "error-403.json")));

    assertThatThrownBy(() -> source.read(WINDOW, sink))
        .isInstanceOf(DatadogException.class)
        .hasMessageContaining("HTTP 403")
        .hasMessageContaining("DD_API_KEY")
        .hasMessageContaining("Forbidden")
        .hasMessageNotContaining(API_KEY)
        .hasMessageNotContaining(APP_KEY);
    assertThat(sleeps).isEmpty();
    verify(1, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void read_whenDatadogEchoesAKey_masksIt() {
    stubFor(post(PATH).willReturn(aResponse().withStatus(401).withBody("{\"errors\":[\"bad key " + API_KEY + "\"]}")));

    assertThatThrownBy(() -> source.read(WINDOW, sink))
        .isInstanceOf(DatadogException.class)
        .hasMessageContaining("HTTP 401")
        .hasMessageContaining("bad key ****")
        .hasMessageNotContaining(API_KEY);
  }

  @Test
  void read_whenTheQueryIsInvalid_throwsWithDatadogsMessage() {
    stubFor(post(PATH).willReturn(json(400, "error-400.json")));

    assertThatThrownBy(() -> source.read(WINDOW, sink))
        .isInstanceOf(DatadogException.class)
        .hasMessageContaining("HTTP 400")
        .hasMessageContaining("Invalid query: unbalanced parentheses");
    verify(1, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void read_whenTheSearchTimedOut_throwsRatherThanReadHalfAWindow() {
    stubFor(post(PATH).willReturn(json(200, "page-timeout.json")));

    assertThatThrownBy(() -> source.read(WINDOW, sink))
        .isInstanceOf(DatadogException.class)
        .hasMessageContaining("timed out");
    assertThat(sink.accepted).isEmpty();
  }

  @Test
  void read_whenDatadogRepeatsACursor_stopsInsteadOfLooping() {
    stubFor(post(PATH).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody("{\"data\":[],\"meta\":{\"status\":\"done\",\"page\":{\"after\":\"same\"}}}")));

    assertThatThrownBy(() -> source.read(WINDOW, sink))
        .isInstanceOf(DatadogException.class)
        .hasMessageContaining("same page cursor twice");
    verify(2, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void read_whenALaterPageIsTruncatedJson_throwsSoTheWindowIsNotMarkedRead() {
    stubFor(post(PATH).atPriority(2).willReturn(json(200, "page-1.json")));
    stubFor(post(PATH).atPriority(1).withRequestBody(matchingJsonPath("$.page.cursor", equalTo("eyJhZnRlciI6IkFRQUFBWlB4MDAwMiJ9")))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"data\":[{\"id\":\"AQAAAZPx0003AAAAAAAAAAAAAAAA\",\"type\":\"log\",\"attributes\":{\"timest")));

    assertThatThrownBy(() -> source.read(WINDOW, sink))
        .isInstanceOf(DatadogException.class)
        .hasMessageContaining("page 2")
        .hasMessageContaining("is not JSON")
        .hasMessageNotContaining(API_KEY)
        .hasMessageNotContaining(APP_KEY);
    assertThat(sink.accepted).extracting(ErrorLog::id).doesNotContain("AQAAAZPx0003AAAAAAAAAAAAAAAA");
    assertThat(sink.rejected).isEmpty();
  }

  @Test
  void read_whenThePageIsNotJson_throwsRatherThanReadAnEmptyWindow() {
    stubFor(post(PATH).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
        .withBody("<html><body>502 Bad Gateway</body></html>")));

    assertThatThrownBy(() -> source.read(WINDOW, sink))
        .isInstanceOf(DatadogException.class)
        .hasMessageContaining("page 1")
        .hasMessageContaining("is not JSON");
    assertThat(sink.accepted).isEmpty();
  }

  @Test
  void read_whenThePageIsEmpty_throwsRatherThanReadAnEmptyWindow() {
    stubFor(post(PATH).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")));

    assertThatThrownBy(() -> source.read(WINDOW, sink))
        .isInstanceOf(DatadogException.class)
        .hasMessageContaining("page 1");
    assertThat(sink.accepted).isEmpty();
  }

  @Test
  void read_whenAPageTimesOutOnce_retriesAndReadsIt() {
    source = source(Duration.ofMillis(300));
    stubFor(post(PATH).inScenario("slow").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(json(200, "page-3.json").withFixedDelay(3_000)).willSetStateTo("fast"));
    stubFor(post(PATH).inScenario("slow").whenScenarioStateIs("fast").willReturn(json(200, "page-3.json")));

    source.read(WINDOW, sink);

    assertThat(sink.accepted).hasSize(1);
    assertThat(sleeps).containsExactly(Duration.ofSeconds(1));
    verify(2, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void read_whenEveryAttemptTimesOut_retriesThenThrowsWithoutTheKeys() {
    source = source(Duration.ofMillis(300));
    stubFor(post(PATH).willReturn(json(200, "page-3.json").withFixedDelay(3_000)));

    assertThatThrownBy(() -> source.read(WINDOW, sink))
        .isInstanceOf(DatadogException.class)
        .hasMessageContaining("HttpTimeoutException")
        .hasMessageContaining("after 5 attempts")
        .hasMessageNotContaining(API_KEY)
        .hasMessageNotContaining(APP_KEY);
    assertThat(sleeps).containsExactly(
        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
    assertThat(sink.accepted).isEmpty();
    verify(5, postRequestedFor(urlEqualTo(PATH)));
  }

  private DatadogErrorLogSource source(Duration requestTimeout) {
    DatadogSettings settings = new DatadogSettings(URI.create(baseUrl), API_KEY, APP_KEY, QUERY);
    return new DatadogErrorLogSource(settings, DatadogErrorLogSource.httpClient(), sleeps::add, requestTimeout);
  }

  private static ResponseDefinitionBuilder json(int status, String fixture) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(fixture(fixture));
  }

  private static String fixture(String name) {
    try (InputStream in = DatadogErrorLogSourceTest.class.getResourceAsStream("/datadog/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class RecordingSink implements LogSink {
    final List<ErrorLog> accepted = new ArrayList<>();
    final List<String> rejected = new ArrayList<>();

    @Override
    public void accept(ErrorLog log) {
      accepted.add(log);
    }

    @Override
    public void reject(String position, String reason) {
      rejected.add(position + ": " + reason);
    }
  }
}
