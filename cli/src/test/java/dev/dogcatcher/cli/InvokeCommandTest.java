package dev.dogcatcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dogcatcher.aws.AwsEmulator;
import dev.dogcatcher.aws.TemplateResources;
import dev.dogcatcher.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `dogcatcher invoke`: a handler in a child JVM with the env-vars file's environment, as sam local invoke. */
class InvokeCommandTest {

  @RegisterExtension static final AwsEmulator AWS = new AwsEmulator();

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void invoke_analyzerOnTheSampleEvent_printsItsBatchResponseAndForwardsEveryRecord() throws IOException {
    String suffix = TemplateResources.uniqueSuffix();
    TemplateResources template = TemplateResources.fromRepository();
    Map<String, String> queues = template.createQueues(AWS.sqs(), suffix);
    String table = template.createTable(AWS.dynamoDb(), "RegistryTable", suffix);
    // As in events/env.json: the emulator as a container sees it, which invoke reads as this host.
    String endpoint = AWS.endpoint().replace("127.0.0.1", InvokeCommand.DOCKER_HOST);
    Path envVars = write("env.json", Json.MAPPER.writeValueAsString(Map.of(
        "Parameters", Map.of("DRY_RUN", "true"),
        "AnalyzerFunction", Map.of("TABLE_NAME", table, "TICKET_QUEUE_URL", queues.get("TicketQueue"),
            "AWS_ENDPOINT_URL", endpoint, "LLM_PROVIDER", "rules"))));

    int exit = invoke("AnalyzerFunction", "--event", "../events/log-queue.json", "--env-vars", envVars.toString());

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString().strip()).isEqualTo("{\"batchItemFailures\":[]}");
    assertThat(err.toString()).contains("analyzed fingerprint=");
    int records = Json.MAPPER.readTree(Path.of("../events/log-queue.json").toFile()).path("Records").size();
    assertThat(AWS.sqs().getQueueAttributes(r -> r.queueUrl(queues.get("TicketQueue"))
            .attributeNamesWithStrings("ApproximateNumberOfMessages")).attributesAsStrings())
        .containsEntry("ApproximateNumberOfMessages", Integer.toString(records));
  }

  @Test
  void invoke_whenTheHandlerCannotStart_printsLambdasErrorShapeNamingTheSetting() throws IOException {
    Path envVars = write("env.json", "{\"TicketFunction\": {\"DRY_RUN\": \"true\"}}");

    int exit = invoke("TicketFunction", "--event", "../events/ticket-queue.json", "--env-vars", envVars.toString(),
        "--aws-endpoint", AWS.endpoint());

    assertThat(exit).isEqualTo(1);
    var error = Json.MAPPER.readTree(out.toString());
    assertThat(error.path("errorType").asText()).isEqualTo("dev.dogcatcher.config.ConfigException");
    assertThat(error.path("errorMessage").asText()).isEqualTo("TABLE_NAME is not set");
  }

  @Test
  void invoke_unknownFunction_failsListingTheTemplatesFunctions() {
    int exit = invoke("MailerFunction", "--event", "../events/log-queue.json");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("no function MailerFunction in template.yaml")
        .contains("FetcherFunction, AnalyzerFunction, TicketFunction");
  }

  @Test
  void functionVariables_layTheFunctionsOwnOverParameters_andReadHostDockerInternalAsThisHost() throws IOException {
    Path envVars = write("env.json", """
        {"Parameters": {"DRY_RUN": "true", "TABLE_NAME": "shared"},
         "TicketFunction": {"TABLE_NAME": "tickets", "MAX_TICKETS_PER_RUN": 20,
                            "AWS_ENDPOINT_URL": "http://host.docker.internal:5000"},
         "AnalyzerFunction": {"TABLE_NAME": "other"}}
        """);

    assertThat(InvokeCommand.functionVariables(envVars, "TicketFunction")).isEqualTo(Map.of(
        "DRY_RUN", "true", "TABLE_NAME", "tickets", "MAX_TICKETS_PER_RUN", "20",
        "AWS_ENDPOINT_URL", "http://127.0.0.1:5000"));
  }

  private int invoke(String... args) {
    CommandLine commandLine = Dogcatcher.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    InvokeCommand invoke = commandLine.getSubcommands().get("invoke").getCommand();
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.remove("AWS_ENDPOINT_URL");
    invoke.environment = environment;
    String[] all = new String[args.length + 1];
    all[0] = "invoke";
    System.arraycopy(args, 0, all, 1, args.length);
    return commandLine.execute(all);
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }
}
