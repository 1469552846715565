package dev.dogcatcher.jira;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dogcatcher.domain.Ticket;
import dev.dogcatcher.jira.Description.Block;
import dev.dogcatcher.jira.Description.Budget;
import dev.dogcatcher.json.Json;
import java.util.List;

/**
 * Builds the Jira Cloud REST v3 request bodies for a ticket — the issue (with its description in ADF)
 * and comments — and the same content as Markdown, so that the dry-run outbox shows exactly what
 * Jira would get.
 */
public final class JiraIssuePayload {

  /** Jira Cloud refuses a text field over 32,767 characters; measured on the serialised ADF, with a margin. */
  static final int MAX_DESCRIPTION = 32_000;

  /** Comments have the same field limit; their text is ours, short, and cut well before it. */
  static final int MAX_COMMENT_TEXT = 16_000;

  private JiraIssuePayload() {}

  /** The body of {@code POST /rest/api/3/issue} for a ticket. */
  public static ObjectNode create(Ticket ticket, JiraProject project) {
    requireNonNull(ticket, "ticket == null");
    requireNonNull(project, "project == null");
    ObjectNode body = Json.MAPPER.createObjectNode();
    ObjectNode fields = body.putObject("fields");
    fields.putObject("project").put("key", project.projectKey());
    fields.putObject("issuetype").put("name", project.issueType());
    fields.put("summary", PlainText.truncate(PlainText.inline(ticket.summary()), Ticket.MAX_SUMMARY));
    ArrayNode labels = fields.putArray("labels");
    ticket.labels().forEach(labels::add);
    project.priority(ticket.severity()).ifPresent(name -> fields.putObject("priority").put("name", name));
    fields.set("description", Adf.doc(fittingDescription(ticket, project)));
    return body;
  }

  /** The body of {@code POST /rest/api/3/issue/{key}/comment}: the text as ADF paragraphs, one per line. */
  public static ObjectNode comment(String text) {
    requireNonNull(text, "text == null");
    String clean = PlainText.truncate(PlainText.block(text), MAX_COMMENT_TEXT);
    if (clean.isBlank()) {
      throw new IllegalArgumentException("comment text is blank");
    }
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.set("body", Adf.paragraphs(clean));
    return body;
  }

  /** The ticket as Markdown: a title, the Jira fields, then the same description as {@link #create}. */
  public static String markdown(Ticket ticket, JiraProject project) {
    requireNonNull(ticket, "ticket == null");
    requireNonNull(project, "project == null");
    StringBuilder out = new StringBuilder();
    out.append("# ").append(Markdown.escape(PlainText.inline(ticket.summary()))).append("\n\n");
    out.append("- **Project:** ").append(Markdown.escape(project.projectKey())).append('\n');
    out.append("- **Issue type:** ").append(Markdown.escape(project.issueType())).append('\n');
    project.priority(ticket.severity())
        .ifPresent(name -> out.append("- **Priority:** ").append(Markdown.escape(name)).append('\n'));
    out.append("- **Labels:** ");
    List<String> labels = ticket.labels();
    for (int i = 0; i < labels.size(); i++) {
      out.append(i == 0 ? "" : ", ").append('`').append(labels.get(i).replace("`", "")).append('`');
    }
    out.append("\n\n---\n\n");
    out.append(Markdown.render(fittingDescription(ticket, project)));
    return out.toString();
  }

  /** The description with the largest budget whose ADF stays under Jira's limit. */
  private static List<Block> fittingDescription(Ticket ticket, JiraProject project) {
    Budget budget = Budget.FULL;
    while (true) {
      List<Block> blocks = Description.of(ticket, project, budget);
      Budget smaller = budget.halved();
      if (serialisedLength(Adf.doc(blocks)) < MAX_DESCRIPTION || smaller.equals(budget)) {
        return blocks;
      }
      budget = smaller;
    }
  }

  static int serialisedLength(JsonNode node) {
    try {
      return Json.MAPPER.writeValueAsString(node).length();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise an ADF document", e);
    }
  }
}
