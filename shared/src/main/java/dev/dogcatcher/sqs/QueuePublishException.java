package dev.dogcatcher.sqs;

/** Some messages could not be sent to an SQS queue; the caller's unit of work should be retried. */
public final class QueuePublishException extends RuntimeException {

  public QueuePublishException(String message) {
    super(message);
  }

  public QueuePublishException(String message, Throwable cause) {
    super(message, cause);
  }
}
