package dev.dogcatcher.jira;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dogcatcher.jira.Description.Block;
import dev.dogcatcher.jira.Description.Bullets;
import dev.dogcatcher.jira.Description.Code;
import dev.dogcatcher.jira.Description.Fact;
import dev.dogcatcher.jira.Description.Facts;
import dev.dogcatcher.jira.Description.Heading;
import dev.dogcatcher.jira.Description.Link;
import dev.dogcatcher.jira.Description.Paragraph;
import java.util.List;

/**
 * Renders description blocks as an Atlassian Document Format document
 * (https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/).
 *
 * <p>Text only ever lands in {@code text} nodes, which ADF never interprets as markup; empty text nodes
 * are not allowed, so empty text is left out.
 */
final class Adf {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Adf() {}

  static ObjectNode doc(List<Block> blocks) {
    ObjectNode doc = NODES.objectNode();
    doc.put("type", "doc");
    doc.put("version", 1);
    ArrayNode content = doc.putArray("content");
    for (Block block : blocks) {
      content.add(node(block));
    }
    return doc;
  }

  /** A document of plain paragraphs, one per non-blank line. */
  static ObjectNode paragraphs(String text) {
    ObjectNode doc = NODES.objectNode();
    doc.put("type", "doc");
    doc.put("version", 1);
    ArrayNode content = doc.putArray("content");
    for (String line : text.split("\n")) {
      String clean = PlainText.inline(line);
      if (!clean.isEmpty()) {
        content.add(paragraph(text(clean)));
      }
    }
    return doc;
  }

  private static ObjectNode node(Block block) {
    if (block instanceof Paragraph p) {
      return paragraph(text(p.text()));
    }
    if (block instanceof Heading h) {
      ObjectNode heading = block("heading");
      heading.putObject("attrs").put("level", 3);
      heading.putArray("content").add(text(h.text()));
      return heading;
    }
    if (block instanceof Facts f) {
      ObjectNode list = block("bulletList");
      ArrayNode items = list.putArray("content");
      for (Fact fact : f.facts()) {
        ObjectNode name = text(fact.name() + ": ");
        name.putArray("marks").addObject().put("type", "strong");
        items.add(listItem(paragraph(name, text(fact.value()))));
      }
      return list;
    }
    if (block instanceof Bullets b) {
      ObjectNode list = block("bulletList");
      ArrayNode items = list.putArray("content");
      for (String item : b.items()) {
        items.add(listItem(paragraph(text(item))));
      }
      return list;
    }
    if (block instanceof Code c) {
      ObjectNode code = block("codeBlock");
      code.putArray("content").add(text(c.text()));
      return code;
    }
    if (block instanceof Link l) {
      ObjectNode linked = text(l.text());
      ObjectNode mark = linked.putArray("marks").addObject();
      mark.put("type", "link");
      mark.putObject("attrs").put("href", l.url());
      return paragraph(linked);
    }
    throw new IllegalStateException("unknown block " + block);
  }

  private static ObjectNode block(String type) {
    ObjectNode node = NODES.objectNode();
    node.put("type", type);
    return node;
  }

  private static ObjectNode paragraph(ObjectNode... inline) {
    ObjectNode paragraph = block("paragraph");
    ArrayNode content = paragraph.putArray("content");
    for (ObjectNode node : inline) {
      content.add(node);
    }
    return paragraph;
  }

  private static ObjectNode listItem(ObjectNode paragraph) {
    ObjectNode item = block("listItem");
    item.putArray("content").add(paragraph);
    return item;
  }

  private static ObjectNode text(String text) {
    ObjectNode node = block("text");
    node.put("text", text);
    return node;
  }
}
