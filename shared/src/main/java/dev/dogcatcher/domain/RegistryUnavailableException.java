package dev.dogcatcher.domain;

/** The fingerprint registry could not answer; callers fail closed and the message is retried. */
public final class RegistryUnavailableException extends RuntimeException {

  public RegistryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
