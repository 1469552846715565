package dev.dogcatcher.domain;

import java.util.Locale;

/** Who wrote an analysis: the LLM, the deterministic rules, or nobody (a known error, forwarded as is). */
public enum AnalystKind {
  LLM,
  RULES,
  SKIPPED;

  /** The lowercase name used in messages. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
