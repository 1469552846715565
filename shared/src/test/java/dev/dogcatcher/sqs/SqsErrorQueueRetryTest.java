package dev.dogcatcher.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

/** How SqsErrorQueue handles partly failed batches, against a scripted SQS (no emulator needed). */
class SqsErrorQueueRetryTest {

  private static final String URL = "https://sqs.us-east-1.amazonaws.com/123456789012/LogQueue";

  @Test
  void publish_whenSomeEntriesFailOnTheServer_retriesOnlyThoseEntries() {
    ScriptedSqs sqs = new ScriptedSqs();
    sqs.failNext(Set.of("1", "3"), "InternalError", false);

    queue(sqs, 3).publish(List.of("a", "b", "c", "d"));

    assertThat(sqs.calls()).containsExactly(List.of("a", "b", "c", "d"), List.of("b", "d"));
  }

  @Test
  void publish_whenEntriesKeepFailing_throwsNamingHowManyAndWhy() {
    ScriptedSqs sqs = new ScriptedSqs();
    sqs.failNext(Set.of("0", "2"), "ServiceUnavailable", false);
    sqs.failNext(Set.of("0", "2"), "ServiceUnavailable", false);
    sqs.failNext(Set.of("0", "2"), "ServiceUnavailable", false);

    assertThatThrownBy(() -> queue(sqs, 3).publish(List.of("a", "b", "c")))
        .isInstanceOf(QueuePublishException.class)
        .hasMessageContaining("2 of 3 messages could not be sent to " + URL)
        .hasMessageContaining("ServiceUnavailable (server)");
    assertThat(sqs.calls()).hasSize(3);
  }

  @Test
  void publish_whenAnEntryHasASenderFault_doesNotRetryItAndSendsTheRest() {
    ScriptedSqs sqs = new ScriptedSqs();
    sqs.failNext(Set.of("1"), "InvalidMessageContents", true);

    assertThatThrownBy(() -> queue(sqs, 3).publish(List.of("a", "b\u0000", "c")))
        .isInstanceOf(QueuePublishException.class)
        .hasMessageContaining("1 of 3 messages")
        .hasMessageContaining("InvalidMessageContents (sender fault)");
    assertThat(sqs.calls()).containsExactly(List.of("a", "b\u0000", "c"));
  }

  @Test
  void publish_whenOneBatchFails_stillSendsTheOtherBatchesBeforeThrowing() {
    ScriptedSqs sqs = new ScriptedSqs();
    sqs.failNext(Set.of("0"), "InternalError", false);
    sqs.failNext(Set.of("0"), "InternalError", false);
    List<String> messages = IntStream.range(0, 15).mapToObj(i -> "m" + i).toList();

    assertThatThrownBy(() -> queue(sqs, 2).publish(messages))
        .isInstanceOf(QueuePublishException.class)
        .hasMessageContaining("1 of 15 messages");
    assertThat(sqs.calls()).hasSize(3);
    assertThat(sqs.calls().get(2)).hasSize(5);
  }

  private static SqsErrorQueue<String> queue(SqsClient sqs, int attempts) {
    return new SqsErrorQueue<>(sqs, URL, Function.identity(), attempts, Duration.ZERO);
  }

  /** Answers SendMessageBatch with scripted failures, one script per call, success otherwise. */
  private static final class ScriptedSqs implements SqsClient {
    private final Deque<Failure> script = new ArrayDeque<>();
    private final List<List<String>> calls = new ArrayList<>();

    void failNext(Set<String> ids, String code, boolean senderFault) {
      script.add(new Failure(ids, code, senderFault));
    }

    List<List<String>> calls() {
      return calls;
    }

    @Override
    public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
      calls.add(request.entries().stream().map(SendMessageBatchRequestEntry::messageBody).toList());
      Failure failure = script.isEmpty() ? new Failure(Set.of(), "", false) : script.poll();
      List<SendMessageBatchResultEntry> ok = new ArrayList<>();
      List<BatchResultErrorEntry> failed = new ArrayList<>();
      for (SendMessageBatchRequestEntry entry : request.entries()) {
        if (failure.ids().contains(entry.id())) {
          failed.add(
              BatchResultErrorEntry.builder()
                  .id(entry.id())
                  .code(failure.code())
                  .senderFault(failure.senderFault())
                  .message(failure.code())
                  .build());
        } else {
          ok.add(SendMessageBatchResultEntry.builder().id(entry.id()).messageId("id-" + entry.id()).build());
        }
      }
      return SendMessageBatchResponse.builder().successful(ok).failed(failed).build();
    }

    @Override
    public String serviceName() {
      return "sqs";
    }

    @Override
    public void close() {}

    private record Failure(Set<String> ids, String code, boolean senderFault) {}
  }
}
