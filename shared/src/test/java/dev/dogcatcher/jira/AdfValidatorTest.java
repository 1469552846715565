package dev.dogcatcher.jira;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dogcatcher.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The validator accepts every construct of its subset and rejects what Jira would refuse, so its passes mean something. */
class AdfValidatorTest {

  @Test
  void validate_acceptsEveryNodeAndMarkOfTheSubset() {
    JsonNode doc = json("""
        {"type":"doc","version":1,"content":[
          {"type":"heading","attrs":{"level":6},"content":[{"type":"text","text":"Title"}]},
          {"type":"paragraph","content":[
            {"type":"text","text":"bold","marks":[{"type":"strong"},{"type":"em"}]},
            {"type":"hardBreak"},
            {"type":"text","text":"x()","marks":[{"type":"code"},{"type":"link","attrs":{"href":"http://localhost/a"}}]}]},
          {"type":"paragraph"},
          {"type":"bulletList","content":[
            {"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"item"}]},
              {"type":"bulletList","content":[{"type":"listItem","content":[{"type":"codeBlock","content":[]}]}]}]}]},
          {"type":"codeBlock","attrs":{"language":"java"},"content":[{"type":"text","text":"a\\n\\tb"}]},
          {"type":"rule"}]}
        """);

    assertThat(AdfValidator.violations(doc)).isEmpty();
  }

  @Test
  void validate_rejectsAnUnknownNodeType() {
    JsonNode doc = json("""
        {"type":"doc","version":1,"content":[{"type":"marquee","content":[{"type":"text","text":"hi"}]}]}
        """);

    assertThat(AdfValidator.violations(doc)).singleElement().asString()
        .startsWith("/content/0: node type marquee is not allowed here");
  }

  @Test
  void validate_rejectsMarkedTextInsideACodeBlock() {
    JsonNode doc = json("""
        {"type":"doc","version":1,"content":[
          {"type":"codeBlock","content":[{"type":"text","text":"x","marks":[{"type":"strong"}]}]}]}
        """);

    assertThat(AdfValidator.violations(doc)).containsExactly("/content/0/content/0/marks: text inside a codeBlock has marks");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      empty text            | {"type":"paragraph","content":[{"type":"text","text":""}]}                            | text is missing, not a string or empty
      control character     | {"type":"paragraph","content":[{"type":"text","text":"a\\u0000b"}]}                   | control character U+0000
      line feed in a para   | {"type":"paragraph","content":[{"type":"text","text":"a\\nb"}]}                       | control character U+000A
      escape in code        | {"type":"codeBlock","content":[{"type":"text","text":"\\u001b[31m"}]}                 | control character U+001B at index 0 in a codeBlock
      lone surrogate        | {"type":"paragraph","content":[{"type":"text","text":"\\ud83d"}]}                     | lone surrogate U+D83D
      unknown node key      | {"type":"paragraph","text":"x","content":[]}                                          | paragraph has the unknown key text
      heading level 7       | {"type":"heading","attrs":{"level":7},"content":[]}                                   | heading level is not an integer from 1 to 6
      heading without attrs | {"type":"heading","content":[]}                                                       | attrs are missing
      text in a list        | {"type":"bulletList","content":[{"type":"text","text":"x"}]}                          | node type text is not allowed here
      empty list item       | {"type":"bulletList","content":[{"type":"listItem","content":[]}]}                    | listItem needs a non-empty content array
      javascript link       | {"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"type":"link","attrs":{"href":"javascript:alert(1)"}}]}]} | href is not an absolute http(s) URL
      relative link         | {"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"type":"link","attrs":{"href":"/logs"}}]}]} | href is not an absolute http(s) URL
      unknown mark          | {"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"type":"underline"}]}]} | mark type underline is not allowed
      code with strong      | {"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"type":"code"},{"type":"strong"}]}]} | a code mark is combined with
      non-text in code      | {"type":"codeBlock","content":[{"type":"hardBreak"}]}                                 | node type hardBreak is not allowed here
      inline at the root    | {"type":"text","text":"x"}                                                             | node type text is not allowed here
      """)
  void validate_rejects(String what, String block, String violation) {
    JsonNode doc = json("{\"type\":\"doc\",\"version\":1,\"content\":[" + block + "]}");

    assertThat(AdfValidator.violations(doc)).singleElement().asString().contains(violation);
  }

  @Test
  void validate_rejectsARootThatIsNotAVersion1Doc() {
    assertThat(AdfValidator.violations(json("{\"type\":\"doc\",\"version\":2,\"content\":[]}")))
        .containsExactly("/version: version is not the integer 1");
    assertThat(AdfValidator.violations(json("{\"type\":\"paragraph\",\"content\":[]}")))
        .containsExactly("/type: the root is not of type doc");
    assertThat(AdfValidator.violations(json("{\"type\":\"doc\",\"version\":1}")))
        .containsExactly("/content: the document has no content array");
  }

  private static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }
}
