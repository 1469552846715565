package dev.dogcatcher.fetcher;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.dogcatcher.domain.ErrorGroup;
import dev.dogcatcher.embedded.SqliteRegistry;
import dev.dogcatcher.fetcher.datadog.DatadogErrorLogSource;
import dev.dogcatcher.fetcher.datadog.DatadogSettings;
import dev.dogcatcher.fingerprint.Fingerprinter;
import dev.dogcatcher.testing.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WireMockTest
class FetcherHandlerTest {

  private static final String SEARCH = "/api/v2/logs/events/search";

  @TempDir Path dir;
  private final List<ErrorGroup> published = new ArrayList<>();
  private SqliteRegistry cursor;
  private FetcherHandler handler;

  @BeforeEach
  void compose(WireMockRuntimeInfo wireMock) {
    cursor = SqliteRegistry.open(dir.resolve("state.db"));
    DatadogSettings settings = new DatadogSettings(URI.create(wireMock.getHttpBaseUrl()), "api-key-123",
        "app-key-456", DatadogSettings.query("checkout", "prod", ""));
    MutableClock clock = new MutableClock(Instant.parse("2025-12-09T10:36:00Z"));
    FetchErrorLogs fetch = new FetchErrorLogs(
        new DatadogErrorLogSource(settings, DatadogErrorLogSource.httpClient()), cursor, published::addAll,
        Fingerprinter.standard(), cursor, clock, Duration.ofMinutes(1), Duration.ofMinutes(10));
    handler = new FetcherHandler(fetch, clock);
  }

  @AfterEach
  void close() {
    cursor.close();
  }

  @Test
  void handle_whenScheduled_publishesTheWindowsGroupsUnderTheScheduleRunId() throws IOException {
    stubFor(post(SEARCH).atPriority(2).willReturn(page("page-1.json")));
    stubFor(post(SEARCH).atPriority(1)
        .withRequestBody(matchingJsonPath("$.page.cursor", equalTo("eyJhZnRlciI6IkFRQUFBWlB4MDAwMiJ9")))
        .willReturn(page("page-3.json")));
    ScheduledEvent event = EventLoader.loadScheduledEvent("../events/scheduled.json");

    String summary = handler.handleRequest(event, null);

    assertThat(summary).contains("logs=3", "rejected=0");
    assertThat(published).isNotEmpty();
    assertThat(published).allSatisfy(group -> assertThat(group.runId()).isEqualTo("run-2026-11-27T10:00:00Z"));
    assertThat(published.stream().mapToLong(ErrorGroup::count).sum()).isEqualTo(3);
    assertThat(cursor.position("datadog")).contains(Instant.parse("2025-12-09T10:35:00Z"));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder page(String name) throws IOException {
    try (InputStream in = FetcherHandlerTest.class.getResourceAsStream("/datadog/" + name)) {
      return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
          .withBody(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
