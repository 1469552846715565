package dev.dogcatcher.analyzer.rules;

import static java.util.Objects.requireNonNull;

import dev.dogcatcher.domain.Severity;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One row of the rule table: how to recognise a family of errors and what to say about it.
 *
 * @param errorType the lowercase slug written to the analysis ({@code timeout}, {@code database}, …)
 * @param label the headline of a title ("Timeout"); empty to use the exception's simple name
 *     ({@code NullPointerException}), which is what developers search for
 * @param severity the default severity, before escalations and the count bump
 * @param kinds matched (find) against each exception kind, package included ({@code org.hibernate.…})
 * @param keywords matched (find) against the template and message, then the logger name
 * @param keywordsWin whether a keyword match beats another rule's kind match: for unmistakable text
 *     such as "deadlock" or "Java heap space" that surfaces inside generic exceptions
 * @param via the word joining the label and a downstream name in titles ("calling", "to"); empty for none
 * @param causes one to three likely causes; may use the placeholders listed in {@link Facts#fill}
 * @param actions one to three next steps; may use the same placeholders
 */
record Rule(
    String errorType,
    String label,
    Severity severity,
    Pattern kinds,
    Pattern keywords,
    boolean keywordsWin,
    String via,
    List<String> causes,
    List<String> actions) {

  Rule {
    requireNonNull(errorType, "errorType == null");
    requireNonNull(label, "label == null");
    requireNonNull(severity, "severity == null");
    requireNonNull(kinds, "kinds == null");
    requireNonNull(keywords, "keywords == null");
    requireNonNull(via, "via == null");
    causes = List.copyOf(causes);
    actions = List.copyOf(actions);
    if (causes.isEmpty() || causes.size() > 3 || actions.isEmpty() || actions.size() > 3) {
      throw new IllegalArgumentException(errorType + ": a rule needs one to three causes and actions");
    }
    if (Stream.concat(causes.stream(), actions.stream()).anyMatch(text -> text.startsWith("{"))) {
      // Values such as a service name must not be capitalised, so a sentence never starts with one.
      throw new IllegalArgumentException(errorType + ": a cause or action starts with a placeholder");
    }
  }

  /** The name used when explaining the severity: the label in lower case, or the type slug. */
  String name() {
    return label.isEmpty() ? errorType : label.toLowerCase(Locale.ROOT);
  }
}
