package dev.dogcatcher.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dogcatcher.aws.AwsEmulator;
import dev.dogcatcher.aws.TemplateResources;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/** SqsErrorQueue against moto_server, publishing to the template's LogQueue. */
class SqsErrorQueueTest {

  @RegisterExtension static final AwsEmulator AWS = new AwsEmulator();

  private RecordingSqsClient client;
  private String queueUrl;

  @BeforeEach
  void createQueue() {
    client = new RecordingSqsClient(AWS.sqs());
    queueUrl =
        TemplateResources.fromRepository()
            .createQueues(AWS.sqs(), TemplateResources.uniqueSuffix())
            .get("LogQueue");
  }

  @Test
  void publish_25Messages_allArriveInBatchesOfAtMostTen() {
    List<String> messages =
        IntStream.range(0, 25).mapToObj(i -> "{\"schema\":1,\"n\":" + i + "}").toList();

    queue().publish(messages);

    assertThat(receiveAll(25)).containsExactlyInAnyOrderElementsOf(messages);
    assertThat(client.batches()).containsExactly(10, 10, 5);
  }

  @Test
  void publish_largeMessages_splitsBatchesBelow256KiB() {
    List<String> messages = IntStream.range(0, 12).mapToObj(i -> body(i, 40 * 1024)).toList();

    queue().publish(messages);

    assertThat(client.batches()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(client.batchBytes()).allSatisfy(bytes -> assertThat(bytes).isLessThanOrEqualTo(256 * 1024));
    assertThat(receiveAll(12)).containsExactlyInAnyOrderElementsOf(messages);
  }

  @Test
  void publish_messageOfExactly256KiB_isSentAlone() {
    List<String> messages = List.of(body(0, 100), body(1, 256 * 1024), body(2, 100));

    queue().publish(messages);

    assertThat(client.batches()).containsExactly(1, 1, 1);
    assertThat(receiveAll(3)).containsExactlyInAnyOrderElementsOf(messages);
  }

  @Test
  void publish_messageOver256KiB_isRejectedWithItsSizeAndNothingIsSent() {
    List<String> messages = List.of(body(0, 100), body(1, 256 * 1024 + 1));

    assertThatThrownBy(() -> queue().publish(messages))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("message 1")
        .hasMessageContaining("262145 bytes");
    assertThat(client.batches()).isEmpty();
  }

  @Test
  void publish_multiByteCharacters_countsBytesNotChars() {
    String accented = "é".repeat(100 * 1024); // 200 KiB in UTF-8
    List<String> messages = List.of(accented, accented);

    queue().publish(messages);

    assertThat(client.batches()).containsExactly(1, 1);
    assertThat(receiveAll(2)).containsExactlyElementsOf(messages);
  }

  @Test
  void publish_nothing_sendsNothing() {
    queue().publish(List.of());

    assertThat(client.batches()).isEmpty();
  }

  @Test
  void publish_usesTheEncoder() {
    SqsErrorQueue<Integer> numbers =
        new SqsErrorQueue<>(client, queueUrl, n -> "{\"n\":" + n + "}");

    numbers.publish(List.of(1, 2));

    assertThat(receiveAll(2)).containsExactlyInAnyOrder("{\"n\":1}", "{\"n\":2}");
  }

  @Test
  void publish_toAMissingQueue_throwsQueuePublishExceptionNamingTheQueue() {
    String missing = queueUrl.substring(0, queueUrl.lastIndexOf('/') + 1) + "no-such-queue";
    SqsErrorQueue<String> queue = new SqsErrorQueue<>(AWS.sqs(), missing, Function.identity());

    assertThatThrownBy(() -> queue.publish(List.of("{}")))
        .isInstanceOf(QueuePublishException.class)
        .hasMessageContaining("no-such-queue")
        .hasMessageContaining("could not send 1 messages")
        .hasCauseInstanceOf(QueueDoesNotExistException.class);
  }

  private SqsErrorQueue<String> queue() {
    return new SqsErrorQueue<>(client, queueUrl, Function.identity());
  }

  private List<String> receiveAll(int expected) {
    List<String> bodies = new ArrayList<>();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (bodies.size() < expected && Instant.now().isBefore(deadline)) {
      for (Message message :
          AWS.sqs()
              .receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
              .messages()) {
        bodies.add(message.body());
      }
    }
    // One more look: anything beyond `expected` would be a duplicate or a stray message.
    AWS.sqs()
        .receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0))
        .messages()
        .forEach(message -> bodies.add(message.body()));
    return bodies;
  }

  /** A JSON-ish body of exactly {@code bytes} ASCII bytes, distinct per index. */
  private static String body(int index, int bytes) {
    String head = "{\"n\":" + index + ",\"pad\":\"";
    String tail = "\"}";
    String body = head + "x".repeat(bytes - head.length() - tail.length()) + tail;
    assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(bytes);
    return body;
  }
}
