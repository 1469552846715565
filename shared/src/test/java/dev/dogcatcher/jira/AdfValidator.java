package dev.dogcatcher.jira;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks an Atlassian Document Format document against the part of the ADF JSON schema that Dogcatcher
 * emits (https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/), so that tests
 * catch a body Jira would answer with HTTP 400 before Jira does.
 *
 * <p>A faithful subset, stricter than the schema where we are: block nodes {@code paragraph},
 * {@code heading}, {@code bulletList}/{@code listItem}, {@code codeBlock} and {@code rule}; inline
 * {@code text} and {@code hardBreak}; marks {@code strong}, {@code em}, {@code code} and {@code link}.
 * Every node allows only the keys the schema gives it, text is never empty and carries no control
 * characters (a code block keeps line feeds and tabs) and no lone surrogates.
 */
public final class AdfValidator {

  private static final Set<String> BLOCKS = Set.of("paragraph", "heading", "bulletList", "codeBlock", "rule");

  /** What a list item may hold; the schema allows more, we emit no more. */
  private static final Set<String> LIST_ITEM_CONTENT = Set.of("paragraph", "bulletList", "codeBlock");

  private static final Set<String> INLINE = Set.of("text", "hardBreak");

  private static final Set<String> MARKS = Set.of("strong", "em", "code", "link");

  /** The keys each node type may have besides {@code type}; the schema sets additionalProperties false. */
  private static final Map<String, Set<String>> KEYS = Map.of(
      "doc", Set.of("version", "content"),
      "paragraph", Set.of("content"),
      "heading", Set.of("attrs", "content"),
      "bulletList", Set.of("content"),
      "listItem", Set.of("content"),
      "codeBlock", Set.of("attrs", "content"),
      "rule", Set.of(),
      "text", Set.of("text", "marks"),
      "hardBreak", Set.of());

  private final List<String> violations = new ArrayList<>();

  private AdfValidator() {}

  /** Every way the document breaks the subset, each with its JSON pointer; empty when it is valid. */
  public static List<String> violations(JsonNode doc) {
    AdfValidator validator = new AdfValidator();
    validator.doc(doc);
    return List.copyOf(validator.violations);
  }

  private void doc(JsonNode doc) {
    if (doc == null || !doc.isObject()) {
      fail("", "the document is not a JSON object");
      return;
    }
    if (!"doc".equals(doc.path("type").asText(null))) {
      fail("/type", "the root is not of type doc");
      return;
    }
    keys("", doc, "doc");
    JsonNode version = doc.get("version");
    if (version == null || !version.isInt() || version.intValue() != 1) {
      fail("/version", "version is not the integer 1");
    }
    JsonNode content = doc.get("content");
    if (content == null || !content.isArray()) {
      fail("/content", "the document has no content array");
      return;
    }
    children("", content, BLOCKS, false);
  }

  private void children(String at, JsonNode content, Set<String> allowed, boolean inCode) {
    for (int i = 0; i < content.size(); i++) {
      node(at + "/content/" + i, content.get(i), allowed, inCode);
    }
  }

  private void node(String at, JsonNode node, Set<String> allowed, boolean inCode) {
    if (!node.isObject() || !node.path("type").isTextual()) {
      fail(at, "not a node with a string type");
      return;
    }
    String type = node.path("type").asText();
    if (!KEYS.containsKey(type) || !allowed.contains(type)) {
      fail(at, "node type " + type + " is not allowed here (allowed: " + allowed + ")");
      return;
    }
    keys(at, node, type);
    switch (type) {
      case "paragraph" -> optionalContent(at, node, INLINE, false);
      case "heading" -> {
        attrs(at, node, Set.of("level"), true);
        JsonNode level = node.at("/attrs/level");
        if (node.path("attrs").isObject() && (!level.isInt() || level.intValue() < 1 || level.intValue() > 6)) {
          fail(at + "/attrs/level", "heading level is not an integer from 1 to 6");
        }
        optionalContent(at, node, INLINE, false);
      }
      case "bulletList" -> requiredContent(at, node, Set.of("listItem"), false);
      case "listItem" -> requiredContent(at, node, LIST_ITEM_CONTENT, false);
      case "codeBlock" -> {
        if (node.has("attrs")) {
          attrs(at, node, Set.of("language"), false);
          JsonNode language = node.at("/attrs/language");
          if (!language.isMissingNode() && !language.isTextual()) {
            fail(at + "/attrs/language", "language is not a string");
          }
        }
        optionalContent(at, node, Set.of("text"), true);
      }
      case "text" -> text(at, node, inCode);
      default -> {
        // rule and hardBreak: the key check above is all there is.
      }
    }
  }

  private void text(String at, JsonNode node, boolean inCode) {
    JsonNode text = node.get("text");
    if (text == null || !text.isTextual() || text.asText().isEmpty()) {
      fail(at + "/text", "text is missing, not a string or empty");
    } else {
      characters(at + "/text", text.asText(), inCode);
    }
    JsonNode marks = node.get("marks");
    if (marks == null) {
      return;
    }
    if (inCode) {
      fail(at + "/marks", "text inside a codeBlock has marks");
      return;
    }
    if (!marks.isArray()) {
      fail(at + "/marks", "marks is not an array");
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < marks.size(); i++) {
      String markAt = at + "/marks/" + i;
      JsonNode mark = marks.get(i);
      String type = mark.path("type").asText("");
      if (!MARKS.contains(type)) {
        fail(markAt, "mark type " + (type.isEmpty() ? "(none)" : type) + " is not allowed");
        continue;
      }
      if (!seen.add(type)) {
        fail(markAt, "mark " + type + " appears twice");
      }
      Set<String> markKeys = type.equals("link") ? Set.of("type", "attrs") : Set.of("type");
      mark.fieldNames().forEachRemaining(key -> {
        if (!markKeys.contains(key)) {
          fail(markAt, "mark " + type + " has the unknown key " + key);
        }
      });
      if (type.equals("link")) {
        href(markAt + "/attrs/href", mark.at("/attrs/href"));
        attrs(markAt, mark, Set.of("href"), true);
      }
    }
    // The schema's code_inline_node: a code mark combines with a link and nothing else.
    if (seen.contains("code") && (seen.contains("strong") || seen.contains("em"))) {
      fail(at + "/marks", "a code mark is combined with " + seen);
    }
  }

  private void characters(String at, String text, boolean inCode) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        fail(at, "lone surrogate U+" + hex(c) + " at index " + i);
      } else if (Character.getType(c) == Character.CONTROL && !(inCode && (c == '\n' || c == '\t'))) {
        fail(at, "control character U+" + hex(c) + " at index " + i + (inCode ? " in a codeBlock" : ""));
      }
    }
  }

  private void href(String at, JsonNode href) {
    if (!href.isTextual()) {
      fail(at, "link has no href string");
      return;
    }
    try {
      URI uri = new URI(href.asText());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!uri.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
        fail(at, "href is not an absolute http(s) URL: " + href.asText());
      }
    } catch (URISyntaxException e) {
      fail(at, "href is not a URI: " + e.getMessage());
    }
  }

  private void attrs(String at, JsonNode node, Set<String> allowed, boolean required) {
    JsonNode attrs = node.get("attrs");
    if (attrs == null) {
      if (required) {
        fail(at + "/attrs", "attrs are missing");
      }
      return;
    }
    if (!attrs.isObject()) {
      fail(at + "/attrs", "attrs is not an object");
      return;
    }
    attrs.fieldNames().forEachRemaining(key -> {
      if (!allowed.contains(key)) {
        fail(at + "/attrs", "unknown attribute " + key);
      }
    });
  }

  private void optionalContent(String at, JsonNode node, Set<String> allowed, boolean inCode) {
    JsonNode content = node.get("content");
    if (content == null) {
      return;
    }
    if (!content.isArray()) {
      fail(at + "/content", "content is not an array");
      return;
    }
    children(at, content, allowed, inCode);
  }

  private void requiredContent(String at, JsonNode node, Set<String> allowed, boolean inCode) {
    JsonNode content = node.get("content");
    if (content == null || !content.isArray() || content.isEmpty()) {
      fail(at + "/content", node.path("type").asText() + " needs a non-empty content array");
      return;
    }
    children(at, content, allowed, inCode);
  }

  private void keys(String at, JsonNode node, String type) {
    Set<String> allowed = KEYS.get(type);
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String key = names.next();
      if (!key.equals("type") && !allowed.contains(key)) {
        fail(at, type + " has the unknown key " + key);
      }
    }
  }

  private void fail(String at, String message) {
    violations.add((at.isEmpty() ? "/" : at) + ": " + message);
  }

  private static String hex(char c) {
    return String.format(Locale.ROOT, "%04X", (int) c);
  }
}
