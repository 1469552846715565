package dev.dogcatcher.analyzer.rules;

import static java.util.Objects.requireNonNull;

import dev.dogcatcher.domain.Severity;
import java.util.function.Predicate;

/**
 * A signal that makes an error high whatever its family's default: data loss, money, the login path.
 *
 * @param reason why, in words for the summary ("touches payments or billing")
 * @param minimum the lowest default severity this applies to: a payment <em>validation</em> error stays low
 * @param applies the test over what is known of the group
 */
record Escalation(String reason, Severity minimum, Predicate<Facts> applies) {

  Escalation {
    requireNonNull(reason, "reason == null");
    requireNonNull(minimum, "minimum == null");
    requireNonNull(applies, "applies == null");
  }

  boolean appliesTo(Facts facts) {
    return facts.rule().severity().compareTo(minimum) >= 0 && applies.test(facts);
  }
}
