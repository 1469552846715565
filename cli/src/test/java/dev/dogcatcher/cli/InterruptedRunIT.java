package dev.dogcatcher.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.dogcatcher.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C in the middle of `dogcatcher run` (the shaded jar in a child JVM, stopped with SIGTERM, which
 * runs the same shutdown hooks as SIGINT): the next run files exactly the tickets the first did not —
 * none lost, none twice.
 */
class InterruptedRunIT {

  private static final int ERRORS = 120;

  /** An LLM that takes its time, so that the run is still going when it is stopped. */
  @RegisterExtension
  static WireMockExtension llm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  @Test
  void run_stoppedMidway_thenRunAgain_filesEveryErrorExactlyOnce() throws Exception {
    llm.stubFor(post(urlPathEqualTo("/v1/chat/completions"))
        .willReturn(okJson(OpenAiAnswers.analysis("unknown", "low", "A job fails in stage alpha", 10, 10)).withFixedDelay(250)));
    Path logs = dir.resolve("logs.jsonl");
    Files.write(logs, logLines());

    Process first = start(logs, "openai", dir.resolve("first.log"));
    awaitOutboxFiles(5, Duration.ofSeconds(90), first, dir.resolve("first.log"));
    first.destroy();
    assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
    long filedBeforeStop = outboxFiles();
    assertThat(filedBeforeStop).isBetween(5L, (long) ERRORS - 1);

    Process second = start(logs, "rules", dir.resolve("second.log"));
    assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(second.exitValue()).as(Files.readString(dir.resolve("second.log"))).isZero();

    JsonNode report = Json.MAPPER.readTree(dir.resolve("report.json").toFile());
    assertThat(report.path("dead_lettered").asLong()).isZero();
    assertThat(report.path("error_groups").asLong()).isEqualTo(ERRORS);
    assertThat(report.path("tickets_created").asLong()).isEqualTo(ERRORS - filedBeforeStop);
    assertThat(report.path("occurrences_recorded").asLong()).isEqualTo(filedBeforeStop);
    assertThat(outboxFiles()).isEqualTo(ERRORS);
  }

  private Process start(Path logs, String llmProvider, Path output) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    Path jar = Path.of("target", "dogcatcher.jar").toAbsolutePath();
    ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toString(), "run", "--quiet", "--workers", "2",
        "--logs", logs.toString(), "--state", dir.resolve("state.db").toString(),
        "--out", dir.resolve("outbox").toString(), "--report", dir.resolve("report.json").toString());
    Map<String, String> env = builder.environment();
    env.remove("AWS_ENDPOINT_URL");
    env.put("LLM_PROVIDER", llmProvider);
    env.put("OPENAI_BASE_URL", llm.baseUrl() + "/v1");
    env.put("OPENAI_API_KEY", "sk-test");
    env.put("MAX_TICKETS_PER_RUN", "10000");
    env.put("MAX_TICKETS_PER_HOUR", "10000");
    builder.redirectErrorStream(true).redirectOutput(output.toFile());
    return builder.start();
  }

  /** Polls the outbox (no fixed sleep): returns once it holds {@code count} tickets, or fails at the deadline. */
  private void awaitOutboxFiles(long count, Duration deadline, Process run, Path output) throws Exception {
    Instant end = Instant.now().plus(deadline);
    while (outboxFiles() < count) {
      if (Instant.now().isAfter(end) || !run.isAlive()) {
        throw new AssertionError("no outbox tickets before the deadline; the run said: " + Files.readString(output));
      }
      Thread.onSpinWait();
    }
  }

  private long outboxFiles() throws IOException {
    Path outbox = dir.resolve("outbox");
    if (!Files.isDirectory(outbox)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(outbox)) {
      return files.filter(file -> file.toString().endsWith(".json")).count();
    }
  }

  private static List<String> logLines() {
    List<String> lines = new ArrayList<>();
    for (int copy = 0; copy < 3; copy++) {
      for (int error = 0; error < ERRORS; error++) {
        lines.add("{\"id\":\"log-" + copy + "-" + error + "\",\"attributes\":{\"timestamp\":\"2026-11-27T09:00:0"
            + copy + "Z\",\"status\":\"error\",\"service\":\"svc-" + SyntheticLogSource.letters(error)
            + "\",\"message\":\"Job " + (1000 + copy) + " failed in stage alpha\"}}");
      }
    }
    return lines;
  }

}
