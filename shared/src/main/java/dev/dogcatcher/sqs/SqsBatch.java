package dev.dogcatcher.sqs;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes an SQS batch one message at a time and reports partial failures, so that one poison message
 * is retried (and reaches the DLQ after maxReceiveCount) while the rest of the batch is deleted.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html">Lambda
 *     partial batch responses</a>
 */
public final class SqsBatch {

  private static final Logger LOG = LoggerFactory.getLogger(SqsBatch.class);

  private SqsBatch() {}

  /** Runs the handler on every message; a throwing message is reported as a batch item failure. */
  public static SQSBatchResponse process(SQSEvent event, Consumer<SQSEvent.SQSMessage> handler) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
    for (SQSEvent.SQSMessage message : records) {
      try {
        handler.accept(message);
      } catch (RuntimeException e) {
        LOG.warn(
            "message failed, left for retry: messageId={}, receiveCount={}, reason={}",
            message.getMessageId(), receiveCount(message), describe(e));
        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
      }
    }
    return new SQSBatchResponse(failures);
  }

  /** The exception chain as one line of types and messages, without stack frames. */
  static String describe(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (text.length() > 0) {
        text.append(" <- ");
      }
      text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
    }
    return text.toString();
  }

  private static String receiveCount(SQSEvent.SQSMessage message) {
    return message.getAttributes() == null
        ? "?"
        : message.getAttributes().getOrDefault("ApproximateReceiveCount", "?");
  }
}
