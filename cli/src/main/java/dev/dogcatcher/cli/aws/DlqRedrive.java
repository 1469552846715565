package dev.dogcatcher.cli.aws;

import static java.util.Objects.requireNonNull;

import dev.dogcatcher.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Moves every message of a dead-letter queue back to its source queue: received from the DLQ, sent to
 * the source with the same body and attributes, and deleted from the DLQ only once sent. A message
 * whose send failed stays in the DLQ (and is counted).
 *
 * <p>The same outcome as SQS's own redrive (StartMessageMoveTask), with the SendMessage and
 * ReceiveMessage calls every emulator serves; a message may be sent twice if a delete fails, which
 * every stage tolerates (DESIGN §1).
 */
public final class DlqRedrive {

  private final SqsClient sqs;

  public DlqRedrive(SqsClient sqs) {
    this.sqs = requireNonNull(sqs, "sqs == null");
  }

  /** How a redrive went. */
  public record Result(long moved, long failed) {}

  /**
   * The source queue of {@code dlqUrl}: the one queue whose RedrivePolicy targets it.
   *
   * @throws ConfigException when no queue, or more than one, does: the operator must name the target
   */
  public String sourceOf(String dlqUrl) {
    List<String> sources = sqs.listDeadLetterSourceQueues(r -> r.queueUrl(dlqUrl)).queueUrls();
    if (sources.size() != 1) {
      throw new ConfigException(
          (sources.isEmpty() ? "no queue has " : sources.size() + " queues have ") + dlqUrl
              + " as their dead-letter queue" + (sources.isEmpty() ? "" : " " + sources) + ": name the target with --to");
    }
    return sources.get(0);
  }

  /** Moves the DLQ's messages to {@code targetUrl} until a receive finds none. */
  public Result redrive(String dlqUrl, String targetUrl) {
    long moved = 0;
    long failed = 0;
    while (true) {
      List<Message> messages =
          sqs.receiveMessage(r -> r.queueUrl(dlqUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                  .visibilityTimeout(60).messageAttributeNames("All"))
              .messages();
      if (messages.isEmpty()) {
        return new Result(moved, failed);
      }
      List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
      for (int i = 0; i < messages.size(); i++) {
        Message message = messages.get(i);
        entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(message.body())
            .messageAttributes(message.messageAttributes()).build());
      }
      SendMessageBatchResponse sent = sqs.sendMessageBatch(r -> r.queueUrl(targetUrl).entries(entries));
      List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
      sent.successful().forEach(ok -> deletes.add(DeleteMessageBatchRequestEntry.builder().id(ok.id())
          .receiptHandle(messages.get(Integer.parseInt(ok.id())).receiptHandle()).build()));
      if (!deletes.isEmpty()) {
        sqs.deleteMessageBatch(r -> r.queueUrl(dlqUrl).entries(deletes));
      }
      moved += deletes.size();
      if (!sent.failed().isEmpty()) {
        // Left invisible in the DLQ for 60 s, so this run does not receive them again.
        failed += sent.failed().size();
      }
    }
  }
}
