package dev.dogcatcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dogcatcher.aws.SamTemplate;
import dev.dogcatcher.cli.aws.AwsResources;
import dev.dogcatcher.cli.aws.HandlerMain;
import dev.dogcatcher.config.ConfigException;
import dev.dogcatcher.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Runs one Lambda handler of template.yaml on an event file, as {@code sam local invoke} does, without Docker. */
@Command(
    name = "invoke",
    mixinStandardHelpOptions = true,
    description = {
      "Runs one function's handler the way `sam local invoke` does, without Docker: in a child JVM whose",
      "environment is this one's plus the function's variables from --env-vars (host.docker.internal read as",
      "127.0.0.1, since the handler runs on this host), fed the event file. Prints the handler's JSON response;",
      "the handler's log goes to stderr. Exit code 1 when the handler failed."
    })
final class InvokeCommand implements Callable<Integer> {

  /** How a container reaches its host; the child JVM is on the host already. */
  static final String DOCKER_HOST = "host.docker.internal";

  @Parameters(index = "0", paramLabel = "FUNCTION",
      description = "The function's logical id in template.yaml: FetcherFunction, AnalyzerFunction or TicketFunction.")
  String function;

  @Option(names = {"--event", "-e"}, required = true, paramLabel = "FILE", description = "The event, e.g. events/log-queue.json.")
  Path event;

  @Option(names = {"--env-vars", "-n"}, paramLabel = "FILE",
      description = "SAM's env-vars file: {\"FunctionName\": {\"VAR\": \"value\"}}, plus optional \"Parameters\" for all functions.")
  Path envVars;

  @Option(names = "--aws-endpoint", paramLabel = "URL", description = "Sets the function's AWS_ENDPOINT_URL (wins over --env-vars).")
  String awsEndpoint;

  @Spec CommandSpec spec;

  /** The environment the child starts from; tests replace it. */
  Map<String, String> environment = System.getenv();

  @Override
  public Integer call() throws IOException, InterruptedException {
    SamTemplate template = AwsResources.bundledTemplate();
    List<String> functions = template.resourcesOfType("AWS::Serverless::Function");
    if (!functions.contains(function)) {
      throw new ConfigException("no function " + function + " in template.yaml (functions: " + String.join(", ", functions) + ")");
    }
    if (!Files.isReadable(event)) {
      throw new ConfigException("--event " + event + ": no such readable file");
    }
    Map<String, String> env = new HashMap<>(environment);
    if (envVars != null) {
      env.putAll(functionVariables(envVars, function));
    }
    if (awsEndpoint != null) {
      env.put("AWS_ENDPOINT_URL", awsEndpoint);
    }
    Path stdout = Files.createTempFile("dogcatcher-invoke-", ".out");
    Path stderr = Files.createTempFile("dogcatcher-invoke-", ".log");
    try {
      ProcessBuilder builder = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          // The handler's INFO lines are its Lambda log: shown, as sam local invoke shows them.
          "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
          "-cp", System.getProperty("java.class.path"),
          HandlerMain.class.getName(), function, template.handlerClass(function), event.toAbsolutePath().toString())
          .redirectOutput(stdout.toFile())
          .redirectError(stderr.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      builder.environment().clear();
      builder.environment().putAll(env);
      Process process = builder.start();
      long timeout = timeoutSeconds(template, function) + 30;
      if (!process.waitFor(timeout, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new ConfigException(function + " did not finish within " + timeout + " s (its Timeout plus 30 s)");
      }
      PrintWriter err = spec.commandLine().getErr();
      err.print(Files.readString(stderr, StandardCharsets.UTF_8));
      err.flush();
      PrintWriter out = spec.commandLine().getOut();
      out.print(Files.readString(stdout, StandardCharsets.UTF_8));
      out.flush();
      return process.exitValue();
    } finally {
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }

  /** SAM's env-vars file: the "Parameters" object for every function, then the function's own object. */
  static Map<String, String> functionVariables(Path file, String function) throws IOException {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new ConfigException("--env-vars " + file + ": not JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
    }
    if (root == null || !root.isObject()) {
      throw new ConfigException("--env-vars " + file + ": must be a JSON object {\"FunctionName\": {\"VAR\": \"value\"}}");
    }
    Map<String, String> variables = new HashMap<>();
    for (String section : List.of("Parameters", function)) {
      JsonNode values = root.path(section);
      if (values.isMissingNode()) {
        continue;
      }
      if (!values.isObject()) {
        throw new ConfigException("--env-vars " + file + ": \"" + section + "\" must be an object of variables");
      }
      for (Map.Entry<String, JsonNode> field : values.properties()) {
        String value = field.getValue().isValueNode() ? field.getValue().asText() : field.getValue().toString();
        variables.put(field.getKey(), value.replace(DOCKER_HOST, "127.0.0.1"));
      }
    }
    return variables;
  }

  private static long timeoutSeconds(SamTemplate template, String function) {
    Object timeout = template.properties(function, "AWS::Serverless::Function").get("Timeout");
    try {
      return timeout == null ? 3 : Long.parseLong(timeout.toString());
    } catch (NumberFormatException e) {
      return 900;
    }
  }
}
