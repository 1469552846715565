package dev.dogcatcher.sqs;

import static java.util.Objects.requireNonNull;

import dev.dogcatcher.port.ErrorQueue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Publishes messages to an SQS queue with SendMessageBatch: batches of at most 10 entries and 256 KiB,
 * failed entries retried with backoff, and a {@link QueuePublishException} for what still failed.
 *
 * <p>Delivery is at least once: a failure after some batches went through leaves those messages on the
 * queue, and the caller's retry sends them again; every stage downstream is idempotent (DESIGN §1).
 *
 * @param <T> the message record
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatch.html">SendMessageBatch</a>
 */
public final class SqsErrorQueue<T> implements ErrorQueue<T> {

  /** SendMessageBatch's limits: 10 entries, and 256 KiB for one message as for the whole batch. */
  static final int MAX_BATCH_ENTRIES = 10;

  static final int MAX_PAYLOAD_BYTES = 256 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(SqsErrorQueue.class);

  private final SqsClient client;
  private final String queueUrl;
  private final Function<T, String> encoder;
  private final int maxAttempts;
  private final Duration firstBackoff;

  /** Retries failed entries twice, after 100 ms and 200 ms (the SDK already retried the calls). */
  public SqsErrorQueue(SqsClient client, String queueUrl, Function<T, String> encoder) {
    this(client, queueUrl, encoder, 3, Duration.ofMillis(100));
  }

  SqsErrorQueue(
      SqsClient client,
      String queueUrl,
      Function<T, String> encoder,
      int maxAttempts,
      Duration firstBackoff) {
    this.client = requireNonNull(client, "client == null");
    this.queueUrl = requireNonNull(queueUrl, "queueUrl == null");
    this.encoder = requireNonNull(encoder, "encoder == null");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts < 1: " + maxAttempts);
    }
    this.maxAttempts = maxAttempts;
    this.firstBackoff = requireNonNull(firstBackoff, "firstBackoff == null");
  }

  /**
   * Sends the messages batch by batch, in list order (a standard queue does not keep order anyway);
   * every batch is tried before failures are reported.
   *
   * @throws IllegalArgumentException when one encoded message is over 256 KiB; nothing is sent then
   * @throws QueuePublishException when messages could not be sent after the retries
   */
  @Override
  public void publish(List<T> messages) {
    List<SendMessageBatchRequestEntry> entries = new ArrayList<>(messages.size());
    List<Integer> sizes = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      String body = encoder.apply(messages.get(i));
      int size = body.getBytes(StandardCharsets.UTF_8).length;
      if (size > MAX_PAYLOAD_BYTES) {
        throw new IllegalArgumentException(
            "message " + i + " is " + size + " bytes, over the SQS limit of " + MAX_PAYLOAD_BYTES
                + " bytes: truncate it before publishing");
      }
      entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(body).build());
      sizes.add(size);
    }
    List<BatchResultErrorEntry> failed = new ArrayList<>();
    List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
    int batchBytes = 0;
    for (int i = 0; i < entries.size(); i++) {
      if (batch.size() == MAX_BATCH_ENTRIES || batchBytes + sizes.get(i) > MAX_PAYLOAD_BYTES) {
        failed.addAll(send(batch));
        batch = new ArrayList<>();
        batchBytes = 0;
      }
      batch.add(entries.get(i));
      batchBytes += sizes.get(i);
    }
    if (!batch.isEmpty()) {
      failed.addAll(send(batch));
    }
    if (!failed.isEmpty()) {
      throw new QueuePublishException(
          failed.size() + " of " + entries.size() + " messages could not be sent to " + queueUrl + ": "
              + reasons(failed));
    }
  }

  /** Sends one batch, retrying the entries that failed on the server's side; returns what still failed. */
  private List<BatchResultErrorEntry> send(List<SendMessageBatchRequestEntry> batch) {
    Map<String, SendMessageBatchRequestEntry> pending = new LinkedHashMap<>();
    batch.forEach(entry -> pending.put(entry.id(), entry));
    Map<String, BatchResultErrorEntry> errors = new LinkedHashMap<>();
    List<BatchResultErrorEntry> permanent = new ArrayList<>();
    for (int attempt = 1; attempt <= maxAttempts && !pending.isEmpty(); attempt++) {
      if (attempt > 1) {
        LOG.warn(
            "retrying {} messages to {} (attempt {} of {}): {}",
            pending.size(), queueUrl, attempt, maxAttempts, reasons(List.copyOf(errors.values())));
        pause(firstBackoff.multipliedBy(1L << (attempt - 2)));
      }
      List<SendMessageBatchRequestEntry> entries = List.copyOf(pending.values());
      SendMessageBatchResponse response;
      try {
        response = client.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
      } catch (SdkException e) {
        throw new QueuePublishException(
            "could not send " + pending.size() + " messages to " + queueUrl + ": " + describe(e), e);
      }
      errors.clear();
      response.successful().forEach(ok -> pending.remove(ok.id()));
      for (BatchResultErrorEntry error : response.failed()) {
        if (Boolean.TRUE.equals(error.senderFault())) {
          // The entry itself is wrong (e.g. invalid characters): sending it again cannot help.
          permanent.add(error);
          pending.remove(error.id());
        } else {
          errors.put(error.id(), error);
        }
      }
    }
    for (String id : pending.keySet()) {
      permanent.add(
          errors.getOrDefault(
              id, BatchResultErrorEntry.builder().id(id).code("NoAnswer").senderFault(false).build()));
    }
    return permanent;
  }

  private void pause(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new QueuePublishException("interrupted while publishing to " + queueUrl, e);
    }
  }

  /** The distinct error codes, each marked with who was at fault, e.g. {@code [InternalError (server)]}. */
  private static String reasons(List<BatchResultErrorEntry> failed) {
    TreeSet<String> reasons = new TreeSet<>();
    for (BatchResultErrorEntry error : failed) {
      reasons.add(error.code() + (Boolean.TRUE.equals(error.senderFault()) ? " (sender fault)" : " (server)"));
    }
    return reasons.toString();
  }

  private static String describe(SdkException e) {
    if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
      return service.awsErrorDetails().errorCode() + " (HTTP " + service.statusCode() + ")";
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
