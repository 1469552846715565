package dev.dogcatcher.sqs;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** Passes SendMessageBatch through to a real client and records each batch's entry count and bytes. */
final class RecordingSqsClient implements SqsClient {

  private final SqsClient delegate;
  private final List<Integer> batches = new CopyOnWriteArrayList<>();
  private final List<Integer> batchBytes = new CopyOnWriteArrayList<>();

  RecordingSqsClient(SqsClient delegate) {
    this.delegate = delegate;
  }

  @Override
  public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
    batches.add(request.entries().size());
    batchBytes.add(
        request.entries().stream()
            .map(SendMessageBatchRequestEntry::messageBody)
            .mapToInt(body -> body.getBytes(StandardCharsets.UTF_8).length)
            .sum());
    return delegate.sendMessageBatch(request);
  }

  List<Integer> batches() {
    return batches;
  }

  List<Integer> batchBytes() {
    return batchBytes;
  }

  @Override
  public String serviceName() {
    return delegate.serviceName();
  }

  @Override
  public void close() {}
}
