package dev.dogcatcher.analyzer;

import dev.dogcatcher.analyzer.redact.Redactor;
import dev.dogcatcher.domain.Analysis;
import dev.dogcatcher.domain.AnalyzedError;
import dev.dogcatcher.domain.ErrorGroup;
import dev.dogcatcher.domain.RegistryState;
import dev.dogcatcher.domain.Severity;
import dev.dogcatcher.domain.Ticket;
import dev.dogcatcher.port.ErrorAnalyst;
import dev.dogcatcher.port.ErrorQueue;
import dev.dogcatcher.port.FingerprintRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Analyses one error group and forwards it to the ticket stage: a fingerprint that already has a
 * ticket (under this recipe or an earlier one) skips the analyst (one analyst call per new error); a new one is redacted, then analysed by
 * the primary analyst, or by the fallback when the primary cannot answer.
 */
public final class AnalyzeError {

  private static final Logger LOG = LoggerFactory.getLogger(AnalyzeError.class);

  private final FingerprintRegistry registry;
  private final String destination;
  private final Redactor redactor;
  private final ErrorAnalyst analyst;
  private final ErrorAnalyst fallback;
  private final ErrorQueue<AnalyzedError> tickets;

  public AnalyzeError(
      FingerprintRegistry registry,
      String destination,
      Redactor redactor,
      ErrorAnalyst analyst,
      ErrorAnalyst fallback,
      ErrorQueue<AnalyzedError> tickets) {
    this.registry = registry;
    this.destination = destination;
    this.redactor = redactor;
    this.analyst = analyst;
    this.fallback = fallback;
    this.tickets = tickets;
  }

  /** Analyses (or skips) the group and publishes the result to the ticket queue. */
  public AnalyzedError analyze(ErrorGroup group) {
    ErrorGroup redacted = redactor.redact(group);
    boolean known = isTicketed(group.fingerprint()) || group.aliases().stream()
        .filter(alias -> alias.startsWith(Ticket.FINGERPRINT_LABEL))
        .anyMatch(alias -> isTicketed(alias.substring(Ticket.FINGERPRINT_LABEL.length())));
    Analysis analysis = known ? Analysis.skipped() : analyzeNew(redacted);
    AnalyzedError result = new AnalyzedError(redacted, analysis);
    tickets.publish(List.of(result));
    LOG.info(
        "analyzed fingerprint={}, runId={}, count={}, analyst={}, severity={}",
        group.fingerprint(), group.runId(), group.count(), analysis.analyst(), analysis.severity());
    return result;
  }

  /**
   * The primary's analysis with its severity kept within one level of the rules' view. The severity sets
   * the Jira priority, and log text is attacker-controlled: a log that talks the LLM into "high" can move
   * a ticket one level, not from low to high.
   */
  static Analysis boundedSeverity(Analysis primary, Analysis rules) {
    int level = primary.severity().ordinal();
    int anchor = rules.severity().ordinal();
    int bounded = Math.max(anchor - 1, Math.min(anchor + 1, level));
    if (bounded == level) {
      return primary;
    }
    return new Analysis(primary.errorType(), Severity.values()[bounded], primary.title(), primary.summary(),
        primary.causes(), primary.actions(), primary.analyst());
  }

  /** True when the fingerprint — or an earlier recipe's value for the same error — has a ticket. */
  private boolean isTicketed(String fingerprint) {
    return registry.find(destination, fingerprint)
        .filter(record -> record.state() == RegistryState.TICKETED)
        .isPresent();
  }

  private Analysis analyzeNew(ErrorGroup redacted) {
    if (analyst == fallback) {
      return analyst.analyze(redacted);
    }
    try {
      return boundedSeverity(analyst.analyze(redacted), fallback.analyze(redacted));
    } catch (RuntimeException e) {
      LOG.warn(
          "analyst failed, using the fallback: fingerprint={}, reason={}: {}",
          redacted.fingerprint(), e.getClass().getSimpleName(), e.getMessage());
      return fallback.analyze(redacted);
    }
  }
}
