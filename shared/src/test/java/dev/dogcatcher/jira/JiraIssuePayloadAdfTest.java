package dev.dogcatcher.jira;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dogcatcher.domain.Analysis;
import dev.dogcatcher.domain.AnalystKind;
import dev.dogcatcher.domain.Severity;
import dev.dogcatcher.domain.Ticket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every description and comment Dogcatcher sends is ADF that Jira accepts, whatever the log or the analyst wrote. */
class JiraIssuePayloadAdfTest {

  /** Markup of Jira wiki, HTML, Markdown and mentions, invisible and reordering characters, NUL, emoji and broken surrogates. */
  private static final String HOSTILE = "{code}x{code} [link|http://evil.example] [~accountid:5b10a2844c20165700ede21g] "
      + "<script>alert(1)</script> @here @channel **bold** \u202Egnp.exe\u202C \u2066iso\u2069 \u200B\uFEFF "
      + "nul\u0000bel\u0007esc\u001b[31m del\u007F nel\u0085 \uD83D\uDD25 lone\uD800 \uDC00low \r\ncr";

  static Stream<Arguments> fixtures() {
    Analysis bare = new Analysis("timeout", Severity.LOW, "Timeout", "", List.of(), List.of(" "), AnalystKind.RULES);
    JiraProject eu = new JiraProject("OPS", "Bug", Map.of(), "datadoghq.eu");
    JiraProject us3 = new JiraProject("OPS", "Task", Map.of(Severity.LOW, "Low"), "us3.datadoghq.com");
    return Stream.of(
        Arguments.of("the sample ticket", SampleTickets.ticket(), SampleTickets.project()),
        Arguments.of("no stack", SampleTickets.ticket("Read timed out", ""), SampleTickets.project()),
        Arguments.of("no stack, bare analysis", SampleTickets.ticket("Read timed out", "", bare), SampleTickets.project()),
        Arguments.of("skipped analyst", SampleTickets.ticket("Read timed out", SampleTickets.STACK, Analysis.skipped()),
            SampleTickets.project()),
        Arguments.of("EU site", SampleTickets.ticket(), eu),
        Arguments.of("US3 site, no priority", SampleTickets.ticket(), us3),
        Arguments.of("default project", SampleTickets.ticket(), JiraProject.of("OPS", "Bug")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void create_forEverySampleTicket_writesValidAdf(String name, Ticket ticket, JiraProject project) {
    assertThat(AdfValidator.violations(description(ticket, project))).isEmpty();
  }

  @Test
  void create_with100KbStack_writesValidAdf() {
    String frame = "\tat com.example.deep.Recursion.call(Recursion.java:12)\n";
    String stack = "java.lang.StackOverflowError\n" + frame.repeat(100_000 / frame.length() + 1);

    JsonNode description = description(SampleTickets.ticket("Stack overflow", stack), SampleTickets.project());

    assertThat(AdfValidator.violations(description)).isEmpty();
    assertThat(description.toString()).contains("[truncated ");
  }

  @Test
  void create_whenEveryPartIsHugeAndQuoted_writesValidAdf() {
    List<String> causes = Collections.nCopies(40, "\"cause\" ".repeat(1_000));
    Analysis huge = new Analysis("x", Severity.HIGH, "Huge", "summary ".repeat(5_000), causes, causes, AnalystKind.LLM);

    JsonNode description = description(
        SampleTickets.ticket("\"\\".repeat(50_000), "\uD83D\uDD25".repeat(60_000), huge), SampleTickets.project());

    assertThat(AdfValidator.violations(description)).isEmpty();
  }

  @Test
  void create_withHostileAnalysisAndLogText_writesValidAdfThatShowsTheMarkupAsText() {
    Analysis hostile = new Analysis("x" + HOSTILE, Severity.HIGH, "Title " + HOSTILE, "Summary " + HOSTILE,
        List.of(HOSTILE, "\u0000", "\uD800"), List.of("do " + HOSTILE), AnalystKind.LLM);

    JsonNode description = description(SampleTickets.ticket(HOSTILE, "at " + HOSTILE + "\n\tat x", hostile),
        SampleTickets.project());

    assertThat(AdfValidator.violations(description)).isEmpty();
    List<String> texts = description.findValuesAsText("text");
    assertThat(String.join("\n", texts))
        .contains("{code}x{code} [link|http://evil.example] [~accountid:5b10a2844c20165700ede21g]")
        .contains("<script>alert(1)</script> @here @channel **bold**")
        .contains("\uD83D\uDD25")
        .doesNotContain("\u202E", "\u202C", "\u2066", "\u2069");
    assertThat(description.findValuesAsText("href")).singleElement().asString().startsWith("https://app.datadoghq.com/logs?");
    assertThat(types(description)).doesNotContain("mention", "inlineCard", "emoji");
  }

  @Test
  void comment_writesValidAdf() {
    assertThat(AdfValidator.violations(JiraIssuePayload.comment("Seen 12 more times since the last comment.").path("body")))
        .isEmpty();
    assertThat(AdfValidator.violations(JiraIssuePayload.comment("line one\n\n\n\tline two \r\n" + HOSTILE).path("body")))
        .isEmpty();
    assertThat(AdfValidator.violations(JiraIssuePayload.comment("x".repeat(40_000) + "\n" + "\uD83D\uDD25".repeat(20_000))
        .path("body"))).isEmpty();
  }

  private static JsonNode description(Ticket ticket, JiraProject project) {
    return JiraIssuePayload.create(ticket, project).path("fields").path("description");
  }

  private static List<String> types(JsonNode doc) {
    List<String> types = new ArrayList<>();
    doc.findValuesAsText("type").forEach(types::add);
    return types;
  }
}
