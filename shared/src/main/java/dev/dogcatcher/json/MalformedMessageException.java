package dev.dogcatcher.json;

/** A message body that is not one of the shapes a queue accepts; the reason says what was wrong. */
public final class MalformedMessageException extends IllegalArgumentException {

  public MalformedMessageException(String message) {
    super(message);
  }

  public MalformedMessageException(String message, Throwable cause) {
    super(message, cause);
  }
}
