package dev.dogcatcher.analyzer.llm;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the LLM has cost so far: calls made, calls that gave no usable analysis, and the input and
 * output tokens its answers reported. Thread-safe; one instance per analyst.
 */
public final class LlmUsage {

  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong inputTokens = new AtomicLong();
  private final AtomicLong outputTokens = new AtomicLong();

  LlmUsage() {}

  /** Calls sent to the model (the client's own retries of one call are not counted apart). */
  public long calls() {
    return calls.get();
  }

  /** Calls that failed or whose answer was rejected, so that the fallback analyst answered. */
  public long failures() {
    return failures.get();
  }

  /** Prompt tokens, as the provider reported them. */
  public long inputTokens() {
    return inputTokens.get();
  }

  /** Completion tokens, as the provider reported them. */
  public long outputTokens() {
    return outputTokens.get();
  }

  void call() {
    calls.incrementAndGet();
  }

  void failure() {
    failures.incrementAndGet();
  }

  void tokens(Integer input, Integer output) {
    inputTokens.addAndGet(input == null ? 0 : input);
    outputTokens.addAndGet(output == null ? 0 : output);
  }

  @Override
  public String toString() {
    return "LlmUsage[calls=" + calls() + ", failures=" + failures() + ", inputTokens=" + inputTokens()
        + ", outputTokens=" + outputTokens() + "]";
  }
}
