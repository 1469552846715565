package dev.dogcatcher.jira;

import dev.dogcatcher.jira.Description.Block;
import dev.dogcatcher.jira.Description.Bullets;
import dev.dogcatcher.jira.Description.Code;
import dev.dogcatcher.jira.Description.Fact;
import dev.dogcatcher.jira.Description.Facts;
import dev.dogcatcher.jira.Description.Heading;
import dev.dogcatcher.jira.Description.Link;
import dev.dogcatcher.jira.Description.Paragraph;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders description blocks as CommonMark, escaped so that log text never becomes markup or a link. */
final class Markdown {

  private static final Pattern MARKUP = Pattern.compile("[\\\\`*_\\[\\]<>|]");

  private static final Pattern BACKTICKS = Pattern.compile("`+");

  private Markdown() {}

  static String render(List<Block> blocks) {
    StringBuilder out = new StringBuilder();
    for (Block block : blocks) {
      if (out.length() > 0) {
        out.append('\n');
      }
      append(out, block);
    }
    return out.toString();
  }

  /** One line of text, with every character that Markdown reads as markup escaped. */
  static String escape(String text) {
    String escaped = MARKUP.matcher(text).replaceAll(m -> Matcher.quoteReplacement("\\" + m.group()));
    // A leading '#', '-', '+' or '1.' would start a heading or a list.
    return escaped.replaceFirst("^([#+-]|\\d+\\.)", "\\\\$1");
  }

  private static void append(StringBuilder out, Block block) {
    if (block instanceof Paragraph p) {
      out.append(escape(p.text())).append('\n');
    } else if (block instanceof Heading h) {
      out.append("### ").append(escape(h.text())).append('\n');
    } else if (block instanceof Facts f) {
      for (Fact fact : f.facts()) {
        out.append("- **").append(escape(fact.name())).append(":** ").append(escape(fact.value())).append('\n');
      }
    } else if (block instanceof Bullets b) {
      for (String item : b.items()) {
        out.append("- ").append(escape(item)).append('\n');
      }
    } else if (block instanceof Code c) {
      String fence = fence(c.text());
      out.append(fence).append("text\n").append(c.text()).append('\n').append(fence).append('\n');
    } else if (block instanceof Link l) {
      out.append('[').append(escape(l.text())).append("](<").append(l.url()).append(">)\n");
    } else {
      throw new IllegalStateException("unknown block " + block);
    }
  }

  /** A fence longer than any run of backticks in the code, so that the code cannot close it. */
  private static String fence(String code) {
    int longest = 0;
    Matcher run = BACKTICKS.matcher(code);
    while (run.find()) {
      longest = Math.max(longest, run.group().length());
    }
    return "`".repeat(Math.max(3, longest + 1));
  }
}
