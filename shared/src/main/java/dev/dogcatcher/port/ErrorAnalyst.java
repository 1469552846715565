package dev.dogcatcher.port;

import dev.dogcatcher.domain.Analysis;
import dev.dogcatcher.domain.ErrorGroup;

/** Writes the analysis of a new error: an LLM in production, deterministic rules as the fallback. */
public interface ErrorAnalyst {

  /**
   * Analyses a group whose sample is already redacted.
   *
   * @throws AnalystUnavailableException when this analyst cannot answer (the caller falls back)
   */
  Analysis analyze(ErrorGroup group);

  /** Thrown when an analyst cannot give a valid analysis. */
  final class AnalystUnavailableException extends RuntimeException {

    public AnalystUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
