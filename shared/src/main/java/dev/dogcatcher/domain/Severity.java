package dev.dogcatcher.domain;

import java.util.Locale;

/** How urgent an error is; it maps to a Jira priority. */
public enum Severity {
  LOW,
  MEDIUM,
  HIGH;

  /** The lowercase name used in messages and configuration. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
