package dev.dogcatcher.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dogcatcher.domain.Analysis;
import dev.dogcatcher.domain.AnalystKind;
import dev.dogcatcher.domain.Severity;
import dev.dogcatcher.domain.Ticket;
import dev.dogcatcher.json.Json;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JiraIssuePayloadTest {

  private static final int JIRA_FIELD_LIMIT = 32_767;

  @Test
  void create_setsProjectIssueTypeSummaryLabelsAndPriority() {
    Ticket ticket = SampleTickets.ticket();

    JsonNode fields = JiraIssuePayload.create(ticket, SampleTickets.project()).path("fields");

    assertThat(fields.path("project").path("key").asText()).isEqualTo("OPS");
    assertThat(fields.path("issuetype").path("name").asText()).isEqualTo("Bug");
    assertThat(fields.path("summary").asText()).isEqualTo("[checkout] Payment gateway times out during checkout");
    assertThat(texts(fields.path("labels")))
        .containsExactly("dogcatcher", "fp-" + SampleTickets.FINGERPRINT, "env-prod", "service-checkout", "type-timeout");
    assertThat(fields.path("priority").path("name").asText()).isEqualTo("High");
  }

  @Test
  void create_whenSeverityHasNoPriority_omitsThePriorityField() {
    JiraProject project = new JiraProject("OPS", "Bug", Map.of(Severity.LOW, "Low"), "datadoghq.com");

    JsonNode fields = JiraIssuePayload.create(SampleTickets.ticket(), project).path("fields");

    assertThat(fields.has("priority")).isFalse();
    assertThat(fields.fieldNames()).toIterable()
        .containsExactlyInAnyOrder("project", "issuetype", "summary", "labels", "description");
  }

  @Test
  void create_writesTheDescriptionAsAnAdfDocumentInSectionOrder() {
    JsonNode description = description(SampleTickets.ticket());

    assertThat(description.path("type").asText()).isEqualTo("doc");
    assertThat(description.path("version").asInt()).isEqualTo(1);
    assertThat(types(description.path("content")))
        .containsExactly("paragraph", "bulletList", "heading", "bulletList", "heading", "bulletList", "heading",
            "codeBlock", "heading", "codeBlock", "paragraph");
    assertThat(headings(description)).containsExactly("Likely causes", "Suggested actions", "Sample log", "Stack trace");
    JsonNode content = description.path("content");
    assertThat(content.get(0).at("/content/0/text").asText())
        .isEqualTo("Checkout calls to the payment gateway exceed the 30 s read timeout, so orders fail.");
    assertThat(content.get(3).findValuesAsText("text"))
        .containsExactly("The gateway is slow or degraded", "The read timeout is too short for peak load");
    assertThat(content.get(7).at("/content/0/text").asText())
        .isEqualTo("Payment gateway call timed out after 30000ms for order 81231");
    assertThat(content.get(9).at("/content/0/text").asText()).isEqualTo(SampleTickets.STACK);
  }

  @Test
  void create_listsTheFactsWithBoldNames() {
    JsonNode facts = description(SampleTickets.ticket()).path("content").get(1);

    List<String> lines = new ArrayList<>();
    for (JsonNode item : facts.path("content")) {
      assertThat(item.path("type").asText()).isEqualTo("listItem");
      JsonNode inline = item.at("/content/0/content");
      assertThat(inline.get(0).at("/marks/0/type").asText()).isEqualTo("strong");
      lines.add(inline.get(0).path("text").asText() + inline.get(1).path("text").asText());
    }
    assertThat(lines).contains(
        "Occurrences: 42",
        "First seen: 2025-12-09T10:30:00Z",
        "Last seen: 2025-12-09T10:34:12.345Z",
        "Service: checkout",
        "Environment: prod",
        "Error kind: java.net.SocketTimeoutException",
        "Fingerprint: " + SampleTickets.FINGERPRINT,
        "Analyst: llm");
  }

  @Test
  void create_withoutStackOrCauses_leavesThoseSectionsOut() {
    Analysis bare = new Analysis("timeout", Severity.LOW, "Timeout", "", List.of(), List.of(" "), AnalystKind.RULES);

    JsonNode description = description(SampleTickets.ticket("Read timed out", "", bare));

    assertThat(headings(description)).containsExactly("Sample log");
    assertThat(types(description.path("content")))
        .containsExactly("paragraph", "bulletList", "heading", "codeBlock", "paragraph");
    assertThat(description.at("/content/0/content/0/text").asText())
        .isEqualTo("Dogcatcher found this error 42 times in checkout.");
    assertThat(emptyTextNodes(description)).isZero();
  }

  @Test
  void create_with100KbStack_truncatesItAndStaysUnderJirasLimit() {
    String frame = "\tat com.example.deep.Recursion.call(Recursion.java:12)\n";
    String stack = "java.lang.StackOverflowError\n" + frame.repeat(100_000 / frame.length() + 1);
    assertThat(stack.length()).isGreaterThan(100_000);

    JsonNode description = description(SampleTickets.ticket("Stack overflow", stack));

    String code = description.at("/content/9/content/0/text").asText();
    assertThat(code).startsWith("java.lang.StackOverflowError\n\tat com.example.deep.Recursion.call");
    assertThat(code.length()).isLessThanOrEqualTo(8_000);
    assertThat(code).containsPattern("… \\[truncated \\d+ characters]$");
    assertThat(serialised(description)).hasSizeLessThan(JIRA_FIELD_LIMIT);
  }

  @Test
  void create_whenEveryPartIsHuge_stillFitsJirasLimit() {
    // Quotes and backslashes double in JSON: the limit is on the serialised document, not the text.
    String message = "\"\\".repeat(50_000);
    String stack = "\"".repeat(100_000);
    List<String> causes = Collections.nCopies(40, "cause ".repeat(1_000));
    Analysis huge = new Analysis("x", Severity.HIGH, "Huge", "summary ".repeat(5_000), causes, causes, AnalystKind.LLM);

    ObjectNode body = JiraIssuePayload.create(SampleTickets.ticket(message, stack, huge), SampleTickets.project());

    assertThat(serialised(body.path("fields").path("description"))).hasSizeLessThan(JIRA_FIELD_LIMIT);
    assertThat(headings(body.path("fields").path("description")))
        .containsExactly("Likely causes", "Suggested actions", "Sample log", "Stack trace");
  }

  @Test
  void create_stripsControlAndBidiCharactersFromAllText() {
    String message = "Login failed\u0000 for \u001b[31madmin\u001b[0m\u0007 \u202Egnp.exe\r\nnext line";
    Analysis analysis = new Analysis("auth", Severity.MEDIUM, "Login \u0008failed", "Bad\u0000 login\u000b here",
        List.of("cause\u0001"), List.of("act\u2066ion"), AnalystKind.RULES);

    ObjectNode body = JiraIssuePayload.create(SampleTickets.ticket(message, "", analysis), SampleTickets.project());

    for (String text : body.findValuesAsText("text")) {
      assertThat(text.chars().filter(c -> c != '\n' && c != '\t'))
          .noneMatch(c -> Character.getType(c) == Character.CONTROL || c == '\u202E' || c == '\u2066');
    }
    assertThat(body.at("/fields/summary").asText()).isEqualTo("[checkout] Login failed");
    assertThat(body.at("/fields/description/content/0/content/0/text").asText()).isEqualTo("Bad login here");
    assertThat(body.at("/fields/description/content/7/content/0/text").asText())
        .isEqualTo("Login failed for [31madmin[0m gnp.exe\nnext line");
  }

  @Test
  void create_linksOnlyToTheDatadogLogsOfTheGroup() {
    Analysis sneaky = new Analysis("x", Severity.LOW, "T", "See https://evil.example/a and [click](https://evil.example/b)",
        List.of("<a href=\"https://evil.example/c\">c</a>"), List.of(), AnalystKind.LLM);

    JsonNode description = description(SampleTickets.ticket("Read timed out", "", sneaky));

    List<JsonNode> links = description.findParents("href");
    assertThat(links).hasSize(1);
    URI href = URI.create(links.get(0).path("href").asText());
    assertThat(href.getScheme()).isEqualTo("https");
    assertThat(href.getHost()).isEqualTo("app.datadoghq.com");
    assertThat(href.getPath()).isEqualTo("/logs");
    assertThat(query(href)).containsEntry(
        "query",
        "service:checkout env:prod @error.kind:java.net.SocketTimeoutException \"Payment gateway call timed out after\"");
    assertThat(query(href)).containsEntry("from_ts", Long.toString(SampleTickets.FIRST_SEEN.toEpochMilli() - 300_000));
    assertThat(query(href)).containsEntry("to_ts", Long.toString(SampleTickets.LAST_SEEN.toEpochMilli() + 300_000));
    assertThat(href.getRawQuery()).doesNotContain("+").doesNotContain(" ").doesNotContain("\"");
    assertThat(description.toString()).contains("https://evil.example/a");
  }

  @Test
  void create_onARegionalSite_linksToThatSitesHost() {
    JiraProject eu = new JiraProject("OPS", "Bug", Map.of(), "datadoghq.eu");
    JiraProject us3 = new JiraProject("OPS", "Bug", Map.of(), "us3.datadoghq.com");

    assertThat(href(JiraIssuePayload.create(SampleTickets.ticket(), eu))).startsWith("https://app.datadoghq.eu/logs?");
    assertThat(href(JiraIssuePayload.create(SampleTickets.ticket(), us3))).startsWith("https://us3.datadoghq.com/logs?");
  }

  @Test
  void project_whenSiteIsNotAHostName_isRejected() {
    assertThatThrownBy(() -> new JiraProject("OPS", "Bug", Map.of(), "evil.example/x?y="))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("datadogSite");
  }

  @Test
  void comment_writesOneAdfParagraphPerLine() {
    ObjectNode comment = JiraIssuePayload.comment("Seen 12 more times.\n\nLast seen 2025-12-09T11:00:00Z\u0000");

    JsonNode body = comment.path("body");
    assertThat(body.path("type").asText()).isEqualTo("doc");
    assertThat(body.path("version").asInt()).isEqualTo(1);
    assertThat(types(body.path("content"))).containsExactly("paragraph", "paragraph");
    assertThat(body.findValuesAsText("text")).containsExactly("Seen 12 more times.", "Last seen 2025-12-09T11:00:00Z");
  }

  @Test
  void comment_whenBlank_isRejected() {
    assertThatThrownBy(() -> JiraIssuePayload.comment(" \n\u0000"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("comment text is blank");
  }

  @Test
  void markdown_showsTheFieldsAndTheSameSections() {
    String markdown = JiraIssuePayload.markdown(SampleTickets.ticket(), SampleTickets.project());

    assertThat(markdown).startsWith("# \\[checkout\\] Payment gateway times out during checkout\n");
    assertThat(markdown).contains("- **Project:** OPS\n", "- **Issue type:** Bug\n", "- **Priority:** High\n",
        "`fp-" + SampleTickets.FINGERPRINT + "`");
    assertThat(markdown).contains("- **Occurrences:** 42\n", "### Likely causes\n", "### Suggested actions\n",
        "### Sample log\n", "### Stack trace\n", "```text\n" + SampleTickets.STACK + "\n```\n");
    assertThat(markdown).containsPattern("\\[Open these logs in Datadog]\\(<https://app\\.datadoghq\\.com/logs\\?query=[^ >]+>\\)\n$");
  }

  @Test
  void markdown_escapesLogTextSoItCannotBecomeMarkupOrCloseTheCodeFence() {
    Analysis sneaky = new Analysis("x", Severity.LOW, "T", "[click](https://evil.example) <b>bold</b> *x*",
        List.of("# not a heading"), List.of(), AnalystKind.LLM);

    String markdown = JiraIssuePayload.markdown(SampleTickets.ticket("before\n```\nafter", "", sneaky), SampleTickets.project());

    assertThat(markdown).contains("\\[click\\](https://evil.example) \\<b\\>bold\\</b\\> \\*x\\*");
    assertThat(markdown).contains("- \\# not a heading");
    assertThat(markdown).contains("````text\nbefore\n```\nafter\n````\n");
  }

  @Test
  void truncate_neverSplitsASurrogatePair() {
    String emoji = "\uD83D\uDD25".repeat(5_000);

    String cut = PlainText.truncate(emoji, 201);

    assertThat(cut.length()).isLessThanOrEqualTo(201);
    assertThat(cut.codePoints()).noneMatch(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
  }

  private static JsonNode description(Ticket ticket) {
    return JiraIssuePayload.create(ticket, SampleTickets.project()).path("fields").path("description");
  }

  private static String href(JsonNode body) {
    return body.findParents("href").get(0).path("href").asText();
  }

  private static List<String> types(JsonNode content) {
    List<String> types = new ArrayList<>();
    content.forEach(node -> types.add(node.path("type").asText()));
    return types;
  }

  private static List<String> headings(JsonNode doc) {
    List<String> headings = new ArrayList<>();
    for (JsonNode node : doc.path("content")) {
      if (node.path("type").asText().equals("heading")) {
        assertThat(node.at("/attrs/level").asInt()).isEqualTo(3);
        headings.add(node.at("/content/0/text").asText());
      }
    }
    return headings;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  private static long emptyTextNodes(JsonNode doc) {
    return doc.findParents("type").stream()
        .filter(node -> node.path("type").asText().equals("text"))
        .filter(node -> node.path("text").asText().isEmpty())
        .count();
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> params = new java.util.LinkedHashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }

  private static String serialised(JsonNode node) {
    try {
      return Json.MAPPER.writeValueAsString(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }
}
