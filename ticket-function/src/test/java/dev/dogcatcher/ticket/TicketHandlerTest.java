package dev.dogcatcher.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.dogcatcher.embedded.OutboxTicketTracker;
import dev.dogcatcher.embedded.SqliteRegistry;
import dev.dogcatcher.jira.JiraProject;
import dev.dogcatcher.json.Json;
import dev.dogcatcher.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TicketHandlerTest {

  @TempDir Path dir;
  private SqliteRegistry registry;
  private TicketHandler handler;

  @BeforeEach
  void compose() {
    registry = SqliteRegistry.open(dir.resolve("state.db"));
    FileTicket fileTicket =
        new FileTicket(registry, new OutboxTicketTracker(dir.resolve("outbox"), JiraProject.of("OPS", "Bug")),
            new MutableClock(Instant.parse("2026-11-27T10:05:00Z")),
            new TicketPolicy(20, 50, Duration.ofMinutes(5), Duration.ofHours(6)), "test");
    handler = new TicketHandler(fileTicket);
  }

  @AfterEach
  void close() {
    registry.close();
  }

  private static SQSEvent sampleEvent() {
    return EventLoader.loadSQSEvent("../events/ticket-queue.json");
  }

  @Test
  void handle_whenSampleEvent_writesOneOutboxTicketPerRecord() throws IOException {
    SQSEvent event = sampleEvent();

    SQSBatchResponse response = handler.handleRequest(event, null);

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(payloads()).hasSize(event.getRecords().size());
    for (Path payload : payloads()) {
      var json = Json.MAPPER.readTree(payload.toFile());
      assertThat(json.at("/fields/project/key").asText()).isEqualTo("OPS");
      assertThat(json.at("/fields/labels").toString()).contains("dogcatcher", "fp-");
    }
  }

  @Test
  void handle_whenSameEventDeliveredAgain_filesNothingNew() throws IOException {
    handler.handleRequest(sampleEvent(), null);
    List<Path> first = payloads();

    SQSBatchResponse again = handler.handleRequest(sampleEvent(), null);

    assertThat(again.getBatchItemFailures()).isEmpty();
    assertThat(payloads()).isEqualTo(first);
  }

  @Test
  void handle_whenOneBodyIsPoison_failsOnlyThatMessage() throws IOException {
    SQSEvent event = sampleEvent();
    SQSEvent.SQSMessage poison = new SQSEvent.SQSMessage();
    poison.setMessageId("poison-1");
    poison.setBody("{\"schema\":1,\"fingerprint\":\"x\"");
    List<SQSEvent.SQSMessage> records = new ArrayList<>(event.getRecords());
    records.add(1, poison);
    event.setRecords(records);

    SQSBatchResponse response = handler.handleRequest(event, null);

    assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
        .containsExactly("poison-1");
    assertThat(payloads()).hasSize(records.size() - 1);
  }

  private List<Path> payloads() throws IOException {
    Path outbox = dir.resolve("outbox");
    if (!Files.exists(outbox)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(outbox)) {
      return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
    }
  }
}
