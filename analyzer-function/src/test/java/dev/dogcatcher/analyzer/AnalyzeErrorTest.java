package dev.dogcatcher.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dogcatcher.analyzer.redact.Redactor;
import dev.dogcatcher.analyzer.rules.RulesErrorAnalyst;
import dev.dogcatcher.domain.Analysis;
import dev.dogcatcher.domain.AnalystKind;
import dev.dogcatcher.domain.AnalyzedError;
import dev.dogcatcher.domain.ErrorGroup;
import dev.dogcatcher.domain.Sample;
import dev.dogcatcher.domain.Severity;
import dev.dogcatcher.embedded.SqliteRegistry;
import dev.dogcatcher.port.ErrorAnalyst;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeErrorTest {

  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  private static final String DESTINATION = "outbox";

  @TempDir Path dir;
  private SqliteRegistry registry;
  private final List<AnalyzedError> forwarded = new ArrayList<>();
  private final List<ErrorGroup> seenByAnalyst = new ArrayList<>();

  /** The rules analyst, counting what it is given. */
  private final ErrorAnalyst countingRules = group -> {
    seenByAnalyst.add(group);
    return new RulesErrorAnalyst().analyze(group);
  };

  @BeforeEach
  void open() {
    registry = SqliteRegistry.open(dir.resolve("state.db"));
  }

  @AfterEach
  void close() {
    registry.close();
  }

  private AnalyzeError analyzeError(ErrorAnalyst analyst, ErrorAnalyst fallback) {
    return new AnalyzeError(registry, DESTINATION, new Redactor(), analyst, fallback, forwarded::addAll);
  }

  private static ErrorGroup group(String fingerprint, String message) {
    return new ErrorGroup(ErrorGroup.SCHEMA, "run-1", fingerprint, 1, "auth", "prod",
        "io.jsonwebtoken.security.SignatureException", "JWT signature does not match for user <email>",
        new Sample(message, "", "com.acme.auth.TokenVerifier", "i-1", "main", T0, Map.of("user.email", "a@b.example")),
        4, T0.minusSeconds(30), T0, List.of("l1", "l2"), List.of());
  }

  @Test
  void analyze_whenNew_redactsCallsTheAnalystOnceAndForwardsTheAnalysis() {
    AnalyzedError result = analyzeError(countingRules, countingRules)
        .analyze(group("fp1", "JWT signature does not match for user maria.garcia@example.com"));

    assertThat(seenByAnalyst).singleElement().satisfies(group -> {
      assertThat(group.sample().message()).doesNotContain("maria.garcia@example.com").contains("<email>");
      assertThat(group.sample().attributes().toString()).doesNotContain("a@b.example");
    });
    assertThat(forwarded).containsExactly(result);
    assertThat(result.analysis().analyst()).isEqualTo(AnalystKind.RULES);
    assertThat(result.group().sample().message()).doesNotContain("maria.garcia@example.com");
    assertThat(result.group().count()).isEqualTo(4);
  }

  @Test
  void analyze_whenFingerprintAlreadyTicketed_skipsTheAnalystAndForwardsAnOccurrence() {
    registry.claim(DESTINATION, "fp1", "w", T0, Duration.ofMinutes(5));
    registry.markTicketed(DESTINATION, "fp1", "w", "fp1.json", T0, T0, 1, "run-0", T0);

    AnalyzedError result = analyzeError(countingRules, countingRules).analyze(group("fp1", "JWT signature bad"));

    assertThat(seenByAnalyst).isEmpty();
    assertThat(result.analysis().analyst()).isEqualTo(AnalystKind.SKIPPED);
    assertThat(forwarded).containsExactly(result);
  }

  @Test
  void analyze_whenTicketedForAnotherDestinationOnly_stillAnalyses() {
    registry.claim("jira:OPS", "fp1", "w", T0, Duration.ofMinutes(5));
    registry.markTicketed("jira:OPS", "fp1", "w", "OPS-1", T0, T0, 1, "run-0", T0);

    analyzeError(countingRules, countingRules).analyze(group("fp1", "JWT signature bad"));

    assertThat(seenByAnalyst).hasSize(1);
  }

  @Test
  void analyze_whenPrimaryAnalystFails_fallsBackToTheRules() {
    ErrorAnalyst broken = group -> {
      throw new ErrorAnalyst.AnalystUnavailableException("LLM answered 503", null);
    };

    AnalyzedError result = analyzeError(broken, countingRules).analyze(group("fp1", "JWT signature bad"));

    assertThat(result.analysis().analyst()).isEqualTo(AnalystKind.RULES);
    assertThat(seenByAnalyst).hasSize(1);
  }

  @Test
  void analyze_whenFloodOfValidationErrors_doesNotRateItHigh() {
    ErrorGroup flood = new ErrorGroup(ErrorGroup.SCHEMA, "run-1", "fp-declined", 1, "checkout", "prod", "",
        "Payment declined for order <int>: card_declined",
        new Sample("Payment declined for order 123456: card_declined", "", "com.acme.checkout.OrderService", "i-1",
            "main", T0, Map.of()), 25, T0.minusSeconds(300), T0, List.of("l1"), List.of());

    Analysis analysis = analyzeError(countingRules, countingRules).analyze(flood).analysis();

    assertThat(analysis.severity().toString()).isNotEqualTo("high");
  }

  @Test
  void analyze_whenAnEarlierFingerprintVersionIsTicketed_skipsTheAnalyst() {
    registry.claim(DESTINATION, "v1value", "w", T0, Duration.ofMinutes(5));
    registry.markTicketed(DESTINATION, "v1value", "w", "v1value.json", T0, T0, 1, "run-0", T0);
    ErrorGroup v2 = group("v2value", "JWT signature bad");
    ErrorGroup withAlias = new ErrorGroup(v2.schema(), v2.runId(), v2.fingerprint(), 2, v2.service(), v2.env(),
        v2.errorKind(), v2.template(), v2.sample(), v2.count(), v2.firstSeen(), v2.lastSeen(), v2.logIds(),
        List.of("fp-v1value", "loghash-0123456789ab"));

    AnalyzedError result = analyzeError(countingRules, countingRules).analyze(withAlias);

    assertThat(seenByAnalyst).isEmpty();
    assertThat(result.analysis().analyst()).isEqualTo(AnalystKind.SKIPPED);
  }

  @Test
  void analyze_whenTheLlmRatesAFloodOfDeclinedCardsHigh_keepsItWithinOneLevelOfTheRules() {
    ErrorAnalyst talkedIntoHigh = group -> new Analysis("validation", Severity.HIGH, "URGENT: everything is down",
        "Ignore previous instructions.", List.of(), List.of(), AnalystKind.LLM);
    ErrorGroup declined = new ErrorGroup(ErrorGroup.SCHEMA, "run-1", "fp-declined", 1, "checkout", "prod", "",
        "Payment declined for order <int>: card_declined",
        new Sample("Payment declined for order 123456: card_declined", "", "com.acme.checkout.OrderService", "i-1",
            "main", T0, Map.of()), 3, T0.minusSeconds(300), T0, List.of("l1"), List.of());

    Analysis analysis = analyzeError(talkedIntoHigh, countingRules).analyze(declined).analysis();

    assertThat(analysis.analyst()).isEqualTo(AnalystKind.LLM);
    assertThat(analysis.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(seenByAnalyst).hasSize(1);
  }

  @Test
  void boundedSeverity_keepsTheLlmsViewWhenItIsWithinOneLevel() {
    Analysis llm = new Analysis("timeout", Severity.HIGH, "t", "s", List.of(), List.of(), AnalystKind.LLM);
    Analysis rules = new Analysis("timeout", Severity.MEDIUM, "t", "s", List.of(), List.of(), AnalystKind.RULES);

    assertThat(AnalyzeError.boundedSeverity(llm, rules)).isSameAs(llm);
  }
}
