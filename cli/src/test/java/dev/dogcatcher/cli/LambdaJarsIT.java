package dev.dogcatcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dogcatcher.aws.TemplateResources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks what `sam deploy` would upload: every function in template.yaml points at a shaded jar that
 * exists, is under 20 MB, holds its handler class, and holds nothing another function owns.
 */
class LambdaJarsIT {

  private static final long MAX_JAR_BYTES = 20L * 1024 * 1024;

  static Stream<String> functions() {
    return Stream.of("FetcherFunction", "AnalyzerFunction", "TicketFunction");
  }

  @ParameterizedTest
  @MethodSource("functions")
  void handlerNamedInTheTemplate_isInItsShadedJar(String function) throws IOException {
    TemplateResources template = TemplateResources.fromRepository();
    Map<String, Object> properties = template.properties(function, "AWS::Serverless::Function");
    Path jar = template.file().getParent().resolve((String) properties.get("CodeUri"));
    String handlerClass = ((String) properties.get("Handler")).split("::")[0];

    assertThat(jar).exists();
    assertThat(Files.size(jar)).isLessThan(MAX_JAR_BYTES);
    try (JarFile contents = new JarFile(jar.toFile())) {
      assertThat(contents.getEntry(handlerClass.replace('.', '/') + ".class")).as(handlerClass).isNotNull();
      List<String> names = contents.stream().map(entry -> entry.getName()).toList();
      assertThat(names).noneMatch(name -> name.startsWith("dev/langchain4j/") && !function.equals("AnalyzerFunction"));
      assertThat(names).noneMatch(name -> name.startsWith("dev/dogcatcher/ticket/") && !function.equals("TicketFunction"));
      assertThat(names).noneMatch(name -> name.startsWith("org/sqlite/"));
    }
  }
}
