package dev.dogcatcher.analyzer.rules;

import static java.util.Objects.requireNonNull;

import dev.dogcatcher.domain.Analysis;
import dev.dogcatcher.domain.AnalystKind;
import dev.dogcatcher.domain.ErrorGroup;
import dev.dogcatcher.domain.Severity;
import dev.dogcatcher.port.ErrorAnalyst;
import java.util.ArrayList;
import java.util.List;

/**
 * The deterministic, offline analyst: classifies an error group with a small ordered rule table and
 * writes the ticket a triager would, with no network and no randomness. It serves when no LLM is
 * configured and when the LLM fails.
 *
 * <h2>Classification</h2>
 * The first match wins, in this order:
 * <ol>
 *   <li>unmistakable text that overrides the exception type ("Java heap space", "deadlock", "broken pipe");
 *   <li>the exception kinds, root cause first (the last {@code Caused by:} of a Java stack, the first
 *       exception of a chained Python traceback, then the group's error kind), each tested against the
 *       rules in table order;
 *   <li>keywords in the template and message;
 *   <li>keywords in the logger name;
 *   <li>otherwise {@code unknown}.
 * </ol>
 *
 * <h2>Severity</h2>
 * <ol>
 *   <li>Each family has a default: out of memory and deadlocks are high; validation errors, not-found
 *       and client disconnects (broken pipe, client abort) are low; everything else is medium.
 *   <li>An escalation makes it high: signs of data loss or corruption (from any default), and, from a
 *       medium default, payments or billing in the service, logger or message, or a timeout, connection
 *       or downstream failure involving the authentication system.
 *   <li>A flood raises it one level: {@value #FLOOD} or more occurrences in the fetch window turn low
 *       into medium and medium into high. Only one level, so a flood of validation errors is medium,
 *       never high.
 * </ol>
 * The summary's last sentence says which of these applied.
 */
public final class RulesErrorAnalyst implements ErrorAnalyst {

  /** Occurrences within one fetch window from which an error is raised one severity level. */
  static final long FLOOD = 100;

  /**
   * Keywords are read in the first this many characters of the template and of the message: what an
   * error is about is said at its start, and a bounded read keeps a huge message cheap.
   */
  static final int SCANNED = 8_000;

  /** Creates the analyst; it holds no state and is safe to share between threads. */
  public RulesErrorAnalyst() {}

  @Override
  public Analysis analyze(ErrorGroup group) {
    requireNonNull(group, "group == null");
    Facts facts = classify(group);
    Rule rule = facts.rule();
    List<String> reasons = new ArrayList<>();
    Severity severity = rule.severity();
    reasons.add(rule.name() + " is " + severity + " by default");
    for (Escalation escalation : RuleTable.ESCALATIONS) {
      if (severity != Severity.HIGH && escalation.appliesTo(facts)) {
        severity = Severity.HIGH;
        reasons.add("raised to high because " + escalation.reason());
      }
    }
    if (group.count() >= FLOOD && severity != Severity.HIGH) {
      severity = Severity.values()[severity.ordinal() + 1];
      reasons.add("raised one level for " + group.count() + " occurrences in the window (" + FLOOD + " or more)");
    }
    return new Analysis(
        rule.errorType(),
        severity,
        TicketText.title(facts),
        TicketText.summary(facts, severity, reasons),
        rule.causes().stream().map(facts::fill).toList(),
        rule.actions().stream().map(facts::fill).toList(),
        AnalystKind.RULES);
  }

  static Facts classify(ErrorGroup group) {
    StackTrace stack = StackTrace.parse(group.sample().stack(), group.errorKind(), group.sample().message());
    String text = head(group.template()) + '\n' + head(group.sample().message());
    String downstream = TicketText.downstream(group.sample().message());
    String defaultKind = group.errorKind().isBlank()
        ? (stack.kinds().isEmpty() ? "" : stack.kinds().get(stack.kinds().size() - 1))
        : group.errorKind().strip();
    for (Rule rule : RuleTable.RULES) {
      if (rule.keywordsWin() && rule.keywords().matcher(text).find()) {
        return new Facts(group, rule, defaultKind, stack, downstream, text);
      }
    }
    for (String kind : stack.kinds()) {
      for (Rule rule : RuleTable.RULES) {
        if (rule.kinds().matcher(kind).find()) {
          return new Facts(group, rule, kind, stack, downstream, text);
        }
      }
    }
    for (String source : List.of(text, group.sample().logger())) {
      for (Rule rule : RuleTable.RULES) {
        if (rule.keywords().matcher(source).find()) {
          return new Facts(group, rule, defaultKind, stack, downstream, text);
        }
      }
    }
    return new Facts(group, RuleTable.UNKNOWN, defaultKind, stack, downstream, text);
  }

  private static String head(String text) {
    return text.length() <= SCANNED ? text : text.substring(0, SCANNED);
  }
}
