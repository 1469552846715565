package dev.dogcatcher.analyzer.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dogcatcher.domain.Analysis;
import dev.dogcatcher.domain.AnalystKind;
import dev.dogcatcher.domain.Severity;
import dev.dogcatcher.port.ErrorAnalyst.AnalystUnavailableException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnalysisValidatorTest {

  private static LlmAnalysis answer(String title) {
    return new LlmAnalysis("timeout", "medium", title, "Calls time out.", List.of("Slow upstream"), List.of("Check latency"));
  }

  @Test
  void validate_whenAnswerIsClean_keepsEveryFieldAndMarksTheLlm() {
    Analysis analysis = AnalysisValidator.validate(new LlmAnalysis(" Timeout ", "HIGH", "Timeout calling payments-api",
        "Calls to payments-api time out.", List.of("Slow upstream", "  "), List.of("Check latency")));

    assertThat(analysis).isEqualTo(new Analysis("timeout", Severity.HIGH, "Timeout calling payments-api",
        "Calls to payments-api time out.", List.of("Slow upstream"), List.of("Check latency"), AnalystKind.LLM));
  }

  @Test
  void validate_whenTextHasEmphasisAndLineBreaks_stripsThemToOneLine() {
    Analysis analysis = AnalysisValidator.validate(new LlmAnalysis("timeout", "low", "## *Timeout* in `PaymentClient`",
        "**Calls** time out\nafter _30 s_ in {{charge}}.", List.of("- Slow upstream"), List.of()));

    assertThat(analysis.title()).isEqualTo("Timeout in PaymentClient");
    assertThat(analysis.summary()).isEqualTo("Calls time out after 30 s in charge.");
    assertThat(analysis.causes()).containsExactly("Slow upstream");
  }

  @Test
  void validate_keepsPlaceholdersGenericsSnakeCaseAndEmails() {
    Analysis analysis = AnalysisValidator.validate(answer(
        "Lookup of order <int> for <email> fails in Map<String, Order> order_id cache"));

    assertThat(analysis.title()).isEqualTo("Lookup of order <int> for <email> fails in Map<String, Order> order_id cache");
  }

  @Test
  void validate_whenTitleHasInvisibleCharacters_dropsThem() {
    assertThat(AnalysisValidator.validate(answer("Time\u200Bout\u202E calling\u0007 api")).title())
        .isEqualTo("Timeout calling api");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "See http://evil.example", "HTTPS://EVIL.EXAMPLE", "Visit www.evil.example", "[click](evil)",
      "mailto:ops@example.com", "javascript:alert(1)", "file:///etc/passwd"})
  void validate_whenTitleHasALink_rejects(String title) {
    assertThatThrownBy(() -> AnalysisValidator.validate(answer(title)))
        .isInstanceOf(AnalystUnavailableException.class)
        .hasMessage("LLM answer rejected: title holds a link");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Ping @here now", "@channel outage", "Assign [~accountid:5b10ac8d82e05b22cc7d4ef5]", "Ask [~jsmith]"})
  void validate_whenTitleHasAMention_rejects(String title) {
    assertThatThrownBy(() -> AnalysisValidator.validate(answer(title)))
        .isInstanceOf(AnalystUnavailableException.class)
        .hasMessage("LLM answer rejected: title holds a mention");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{code}x{code}", "{noformat}x", "{color:red}Outage{color}", "[Runbook|intranet/runbook]", "!diagram.png!",
      "<script>alert(1)</script>", "<a href=x>here</a>", "<b>bold</b>", "<span class=x>", "![diagram]", "```sh rm```"})
  void validate_whenTitleHasMarkup_rejects(String title) {
    assertThatThrownBy(() -> AnalysisValidator.validate(answer(title)))
        .isInstanceOf(AnalystUnavailableException.class)
        .hasMessage("LLM answer rejected: title holds markup");
  }

  @Test
  void validate_whenTitleIsTooLong_rejects() {
    assertThatThrownBy(() -> AnalysisValidator.validate(answer("T".repeat(121))))
        .isInstanceOf(AnalystUnavailableException.class)
        .hasMessage("LLM answer rejected: title is 121 characters long (at most 120)");
    assertThat(AnalysisValidator.validate(answer("T".repeat(120))).title()).hasSize(120);
  }

  @Test
  void validate_whenSummaryOrItemsAreTooLong_rejects() {
    assertThatThrownBy(() -> AnalysisValidator.validate(
        new LlmAnalysis("timeout", "low", "T", "s".repeat(1_001), List.of(), List.of())))
        .hasMessageContaining("summary is 1001 characters long");
    assertThatThrownBy(() -> AnalysisValidator.validate(
        new LlmAnalysis("timeout", "low", "T", "S", List.of("c".repeat(301)), List.of())))
        .hasMessageContaining("causes is 301 characters long");
    assertThatThrownBy(() -> AnalysisValidator.validate(
        new LlmAnalysis("timeout", "low", "T", "S", List.of(), List.of("a", "b", "c", "d", "e", "f"))))
        .hasMessage("LLM answer rejected: actions has 6 items (at most 5)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"critical", "", "1", "urgent"})
  void validate_whenSeverityIsNotOneOfThree_rejects(String severity) {
    assertThatThrownBy(() -> AnalysisValidator.validate(
        new LlmAnalysis("timeout", severity, "T", "S", List.of(), List.of())))
        .isInstanceOf(AnalystUnavailableException.class)
        .hasMessage("LLM answer rejected: severity is not low, medium or high");
  }

  @Test
  void validate_whenFieldsAreMissing_rejects() {
    assertThatThrownBy(() -> AnalysisValidator.validate(new LlmAnalysis(null, "low", null, "S", null, null)))
        .hasMessage("LLM answer rejected: title is empty");
    assertThatThrownBy(() -> AnalysisValidator.validate(new LlmAnalysis(null, "low", "T", null, null, null)))
        .hasMessage("LLM answer rejected: summary is empty");
  }

  @Test
  void validate_whenErrorTypeIsNotASlug_callsItUnknown() {
    assertThat(AnalysisValidator.validate(new LlmAnalysis("add-label-x", "low", "T", "S", null, null)).errorType())
        .isEqualTo("unknown");
    assertThat(AnalysisValidator.validate(new LlmAnalysis(null, "low", "T", "S", null, null)).errorType())
        .isEqualTo("unknown");
  }

  @Test
  void errorTypes_areTheRulesAnalystsSlugs() throws ReflectiveOperationException {
    // RuleTable is package-private in rules/: read its rows reflectively so the two lists cannot drift.
    Class<?> table = Class.forName("dev.dogcatcher.analyzer.rules.RuleTable");
    List<Object> rules = new ArrayList<>((List<?>) field(table, "RULES"));
    rules.add(field(table, "UNKNOWN"));
    TreeSet<String> slugs = new TreeSet<>();
    for (Object rule : rules) {
      Method errorType = rule.getClass().getDeclaredMethod("errorType");
      errorType.setAccessible(true);
      slugs.add((String) errorType.invoke(rule));
    }

    assertThat(new TreeSet<>(AnalysisValidator.ERROR_TYPES)).isEqualTo(slugs);
  }

  private static Object field(Class<?> type, String name) throws ReflectiveOperationException {
    Field field = type.getDeclaredField(name);
    field.setAccessible(true);
    return field.get(null);
  }
}
