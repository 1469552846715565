package dev.dogcatcher.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.dogcatcher.analyzer.redact.Redactor;
import dev.dogcatcher.analyzer.rules.RulesErrorAnalyst;
import dev.dogcatcher.domain.AnalystKind;
import dev.dogcatcher.domain.AnalyzedError;
import dev.dogcatcher.embedded.SqliteRegistry;
import dev.dogcatcher.fingerprint.Fingerprinter;
import dev.dogcatcher.json.Messages;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzerHandlerTest {

  @TempDir Path dir;
  private SqliteRegistry registry;
  private final List<AnalyzedError> forwarded = new ArrayList<>();
  private AnalyzerHandler handler;

  @BeforeEach
  void compose() {
    registry = SqliteRegistry.open(dir.resolve("state.db"));
    RulesErrorAnalyst rules = new RulesErrorAnalyst();
    handler = new AnalyzerHandler(new LogQueueMessages(Fingerprinter.standard(), registry, Clock.systemUTC()),
        new AnalyzeError(registry, "outbox", new Redactor(), rules, rules, forwarded::addAll));
  }

  @AfterEach
  void close() {
    registry.close();
  }

  @Test
  void handle_whenSampleEvent_forwardsOneAnalyzedErrorPerRecord() {
    SQSEvent event = EventLoader.loadSQSEvent("../events/log-queue.json");

    SQSBatchResponse response = handler.handleRequest(event, null);

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(forwarded).hasSize(event.getRecords().size());
    assertThat(forwarded).allSatisfy(error -> assertThat(error.analysis().analyst()).isEqualTo(AnalystKind.RULES));
    // Each forwarded body is a valid TicketQueue message.
    forwarded.forEach(error -> assertThat(Messages.readAnalyzedError(Messages.write(error))).isEqualTo(error));
  }

  @Test
  void handle_whenOneBodyIsNotAnErrorGroup_failsOnlyThatMessage() {
    SQSEvent event = EventLoader.loadSQSEvent("../events/log-queue.json");
    SQSEvent.SQSMessage poison = new SQSEvent.SQSMessage();
    poison.setMessageId("poison-1");
    poison.setBody("{\"schema\":99,\"fingerprint\":\"abc\"}");
    List<SQSEvent.SQSMessage> records = new ArrayList<>(event.getRecords());
    records.add(0, poison);
    event.setRecords(records);

    SQSBatchResponse response = handler.handleRequest(event, null);

    assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
        .containsExactly("poison-1");
    assertThat(forwarded).hasSize(records.size() - 1);
  }
}
