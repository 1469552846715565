package dev.dogcatcher.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dogcatcher.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.event.Level;

class JsonLoggerTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  private Logger logger(Level threshold) {
    return new JsonLoggerFactory(threshold, new PrintStream(bytes, true, StandardCharsets.UTF_8)).getLogger("test.Logger");
  }

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void info_writesOneJsonLineWithTheFormattedMessage() throws IOException {
    logger(Level.INFO).info("created fingerprint={}, issue={}", "abc123", "OPS-1");

    assertThat(output().lines()).hasSize(1);
    JsonNode line = Json.MAPPER.readTree(output());
    assertThat(line.path("level").asText()).isEqualTo("INFO");
    assertThat(line.path("logger").asText()).isEqualTo("test.Logger");
    assertThat(line.path("message").asText()).isEqualTo("created fingerprint=abc123, issue=OPS-1");
    assertThat(line.has("timestamp")).isTrue();
  }

  @Test
  void warn_withAnError_keepsTheStackInsideTheOneLine() throws IOException {
    logger(Level.INFO).warn("failed: {}", "x", new IllegalStateException("boom\nsecond line"));

    assertThat(output().lines()).hasSize(1);
    JsonNode line = Json.MAPPER.readTree(output());
    assertThat(line.path("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(line.path("stackTrace").asText()).contains("boom", "second line", "JsonLoggerTest");
  }

  @Test
  void debug_belowTheThreshold_writesNothing() {
    logger(Level.INFO).debug("noise");

    assertThat(output()).isEmpty();
  }

  @Test
  void threshold_readsLambdaLevelNamesAndDefaultsToInfo() {
    assertThat(JsonLogger.threshold("warn")).isEqualTo(Level.WARN);
    assertThat(JsonLogger.threshold("nonsense")).isEqualTo(Level.INFO);
  }
}
