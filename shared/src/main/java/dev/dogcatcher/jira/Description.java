package dev.dogcatcher.jira;

import dev.dogcatcher.domain.Analysis;
import dev.dogcatcher.domain.ErrorGroup;
import dev.dogcatcher.domain.Ticket;
import java.util.ArrayList;
import java.util.List;

/**
 * What a ticket's description says, as a list of blocks that render to ADF (for Jira) and to Markdown
 * (for the dry-run outbox), so that both show the same content.
 */
final class Description {

  /** One block of the description. */
  sealed interface Block permits Paragraph, Heading, Facts, Bullets, Code, Link {}

  record Paragraph(String text) implements Block {}

  record Heading(String text) implements Block {}

  record Fact(String name, String value) {}

  record Facts(List<Fact> facts) implements Block {}

  record Bullets(List<String> items) implements Block {}

  record Code(String text) implements Block {}

  /** A link to a URL that Dogcatcher built; never one taken from log or analysis text. */
  record Link(String text, String url) implements Block {}

  /**
   * How much text each part may hold; halved until the description fits Jira's limit.
   *
   * @param paragraph characters of the summary paragraph
   * @param item characters of one list item
   * @param items items per list
   * @param code characters of one code block
   */
  record Budget(int paragraph, int item, int items, int code) {

    /** Roomy enough for a real error; both code blocks full still fit in Jira's 32,767 characters. */
    static final Budget FULL = new Budget(2_000, 500, 10, 8_000);

    Budget halved() {
      return new Budget(
          Math.max(200, paragraph / 2), Math.max(100, item / 2), Math.max(3, items / 2), Math.max(200, code / 2));
    }
  }

  static final int MAX_FACT = 256;

  private Description() {}

  static List<Block> of(Ticket ticket, JiraProject project, Budget budget) {
    ErrorGroup group = ticket.error().group();
    Analysis analysis = ticket.error().analysis();
    List<Block> blocks = new ArrayList<>();
    String summary = PlainText.inline(analysis.summary());
    if (summary.isEmpty()) {
      summary = "Dogcatcher found this error " + group.count() + " time" + (group.count() == 1 ? "" : "s")
          + (group.service().isBlank() ? "" : " in " + PlainText.inline(group.service())) + ".";
    }
    blocks.add(new Paragraph(PlainText.truncate(summary, budget.paragraph())));
    blocks.add(new Facts(facts(group, analysis)));
    bullets(blocks, "Likely causes", analysis.causes(), budget);
    bullets(blocks, "Suggested actions", analysis.actions(), budget);
    String message = PlainText.block(group.sample().message());
    if (!message.isBlank()) {
      blocks.add(new Heading("Sample log"));
      blocks.add(new Code(PlainText.truncate(message, budget.code())));
    }
    String stack = PlainText.block(group.sample().stack());
    if (!stack.isBlank()) {
      blocks.add(new Heading("Stack trace"));
      blocks.add(new Code(PlainText.truncate(stack, budget.code())));
    }
    blocks.add(new Link("Open these logs in Datadog", LogsLink.of(group, project.datadogSite())));
    return blocks;
  }

  private static List<Fact> facts(ErrorGroup group, Analysis analysis) {
    List<Fact> facts = new ArrayList<>();
    fact(facts, "Occurrences", Long.toString(group.count()));
    fact(facts, "First seen", group.firstSeen().toString());
    fact(facts, "Last seen", group.lastSeen().toString());
    fact(facts, "Service", group.service());
    fact(facts, "Environment", group.env());
    fact(facts, "Error kind", group.errorKind());
    fact(facts, "Severity", analysis.severity().toString());
    fact(facts, "Fingerprint", group.fingerprint());
    fact(facts, "Host", group.sample().host());
    fact(facts, "Logger", group.sample().logger());
    fact(facts, "Analyst", analysis.analyst().toString());
    return facts;
  }

  private static void fact(List<Fact> facts, String name, String value) {
    String clean = PlainText.inline(value);
    if (!clean.isEmpty()) {
      facts.add(new Fact(name, PlainText.truncate(clean, MAX_FACT)));
    }
  }

  private static void bullets(List<Block> blocks, String heading, List<String> items, Budget budget) {
    List<String> clean = new ArrayList<>();
    for (String item : items) {
      String text = PlainText.inline(item);
      if (!text.isEmpty()) {
        clean.add(PlainText.truncate(text, budget.item()));
      }
    }
    if (clean.isEmpty()) {
      return;
    }
    if (clean.size() > budget.items()) {
      int more = clean.size() - budget.items();
      clean = new ArrayList<>(clean.subList(0, budget.items()));
      clean.add("… and " + more + " more");
    }
    blocks.add(new Heading(heading));
    blocks.add(new Bullets(List.copyOf(clean)));
  }
}
